from django.db import migrations


def install_allocation(apps, schema_editor):
    from kompas.fund.defaults import install_allocation as install

    install(
        apps.get_model("fund", "Fund"),
        apps.get_model("fund", "Pool"),
        apps.get_model("organisations", "Department"),
    )


class Migration(migrations.Migration):
    dependencies = [("fund", "0005_seed_rules_council_link_accounts")]
    operations = [migrations.RunPython(install_allocation, migrations.RunPython.noop)]
