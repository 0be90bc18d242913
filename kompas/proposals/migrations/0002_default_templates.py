from django.db import migrations


def install_defaults(apps, schema_editor):
    from kompas.proposals.defaults import install

    install(
        apps.get_model("proposals", "ProposalTemplate"),
        apps.get_model("proposals", "TemplateVersion"),
        apps.get_model("proposals", "TemplateSection"),
    )


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]
    operations = [migrations.RunPython(install_defaults, migrations.RunPython.noop)]
