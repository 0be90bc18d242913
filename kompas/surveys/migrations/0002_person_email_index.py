"""The signed-in person's own open invitation (every front page) finds them by e-mail, case-insensitively: an
index on UPPER(email) instead of a scan of every person. PostgreSQL keeps statistics of an expression index only
after ANALYZE; without them the planner misjudges the lookup, so the table is analysed at once."""

import django.db.models.functions.text
from django.db import migrations, models


def analyse(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE surveys_person")


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_default_departments"),
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(django.db.models.functions.text.Upper("email"), name="person_email_upper"),
        ),
        migrations.RunPython(analyse, migrations.RunPython.noop, elidable=True),
    ]
