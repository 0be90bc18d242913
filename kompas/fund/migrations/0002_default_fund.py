from django.db import migrations


def install_defaults(apps, schema_editor):
    from kompas.fund.defaults import install

    install(
        apps.get_model("fund", "Fund"),
        apps.get_model("fund", "Pool"),
        apps.get_model("fund", "Theme"),
        apps.get_model("fund", "Criterion"),
    )


class Migration(migrations.Migration):
    dependencies = [("fund", "0001_initial")]
    operations = [migrations.RunPython(install_defaults, migrations.RunPython.noop)]
