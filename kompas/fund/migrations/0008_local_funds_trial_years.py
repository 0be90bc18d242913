from django.db import migrations


def install_local_trial(apps, schema_editor):
    from kompas.fund.defaults import install_local_trial as install

    install(apps.get_model("fund", "Fund"), apps.get_model("fund", "Pool"))


class Migration(migrations.Migration):
    dependencies = [("fund", "0007_project_stop_council_proposal")]
    operations = [migrations.RunPython(install_local_trial, migrations.RunPython.noop)]
