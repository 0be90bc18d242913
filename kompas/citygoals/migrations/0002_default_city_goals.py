from django.db import migrations


def create_city_goals(apps, schema_editor):
    from kompas.citygoals.defaults import install

    install(apps.get_model("citygoals", "Vision"), apps.get_model("citygoals", "CityGoal"))


class Migration(migrations.Migration):
    dependencies = [("citygoals", "0001_initial")]
    operations = [migrations.RunPython(create_city_goals, migrations.RunPython.noop)]
