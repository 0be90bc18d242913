from django.db import migrations


def install(apps, schema_editor):
    from kompas.collaborations.defaults import install as install_defaults

    install_defaults(apps.get_model("collaborations", "PrincipleSet"), apps.get_model("collaborations", "Principle"))


class Migration(migrations.Migration):
    dependencies = [("collaborations", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
