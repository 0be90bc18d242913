from django.db import migrations


def create_departments(apps, schema_editor):
    from kompas.organisations.defaults import install

    install(apps.get_model("organisations", "Department"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(create_departments, migrations.RunPython.noop)]
