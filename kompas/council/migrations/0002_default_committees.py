from django.db import migrations


def create_committees(apps, schema_editor):
    from kompas.council.defaults import install

    install(apps.get_model("council", "Committee"), apps.get_model("organisations", "Department"))


class Migration(migrations.Migration):
    dependencies = [("council", "0001_committees"), ("organisations", "0002_default_departments")]
    operations = [migrations.RunPython(create_committees, migrations.RunPython.noop)]
