from django.db import migrations

OLD = "En by i vækst med et stærkt erhvervsliv"
NEW = "En by i vækst og med et stærkt erhvervsliv"  # the council's wording (seed 000, section 4)


def forwards(apps, schema_editor):
    """Correct the default title where nobody has edited it yet."""
    apps.get_model("citygoals", "CityGoal").objects.filter(title=OLD, is_default_text=True).update(title=NEW)


def backwards(apps, schema_editor):
    apps.get_model("citygoals", "CityGoal").objects.filter(title=NEW, is_default_text=True).update(title=OLD)


class Migration(migrations.Migration):
    dependencies = [("citygoals", "0003_search_index")]
    operations = [migrations.RunPython(forwards, backwards)]
