"""The released results of a closed wave, stored once per threshold (issue 17): computing them per request took
longer than gunicorn's 30 s at Aarhus scale. Existing closed waves get theirs when first asked for."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_person_email_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="WaveResults",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("min_group", models.PositiveSmallIntegerField(verbose_name="smallest group shown")),
                (
                    "state",
                    models.CharField(
                        choices=[("building", "Being calculated"), ("ready", "Ready"), ("failed", "Failed")],
                        default="building",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("version", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("data", models.JSONField(blank=True, default=dict)),
                (
                    "requested_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="requested at"),
                ),
                ("computed_at", models.DateTimeField(blank=True, null=True, verbose_name="calculated at")),
                ("seconds", models.FloatField(blank=True, null=True, verbose_name="seconds to calculate")),
                (
                    "wave",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="released_results",
                        to="surveys.wave",
                    ),
                ),
            ],
            options={
                "verbose_name": "released results",
                "verbose_name_plural": "released results",
                "ordering": ["wave", "min_group"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("wave", "min_group"), name="wave_results_unique_per_threshold"
                    )
                ],
            },
        ),
    ]
