"""The front page's latest stories of the current snapshot: an index in the stories' own order, so PostgreSQL
reads the newest few instead of sorting every story of every goal."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("valuemap", "0004_snapshot_items_and_latest_stop"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="snapshotevidence",
            index=models.Index(fields=["-occurred_on", "-id"], name="snapshot_evidence_latest"),
        ),
    ]
