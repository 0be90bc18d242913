from django.db import migrations


def create_defaults(apps, schema_editor):
    from kompas.compass.defaults import install

    install(apps.get_model("compass", "Path"), apps.get_model("compass", "Pivot"))


class Migration(migrations.Migration):
    dependencies = [("compass", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
