from django.db import migrations


def install_defaults(apps, schema_editor):
    from kompas.goals.defaults import install

    install(
        apps.get_model("goals", "ReflectionQuestionSet"),
        apps.get_model("goals", "ReflectionQuestion"),
        apps.get_model("goals", "GoalPolicy"),
    )


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]
    operations = [migrations.RunPython(install_defaults, migrations.RunPython.noop)]
