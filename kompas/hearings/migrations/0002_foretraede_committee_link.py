"""A request to meet a committee links the council's committee instead of naming it.

The typed name moves to ``committee_name`` and stays on every existing request, so nothing is lost. A request
is linked when its name is a committee's name (case and surrounding spaces aside), or when it is the name the
old form offered for a department's committee ("Udvalget for <department>") and exactly one active standing
committee has that department in its field. A request that matches no committee keeps its name and no link;
the secretariat sees it in the queue under that name and can still answer it.
"""

import django.db.models.deletion
from django.db import migrations, models

OLD_DEPARTMENT_PREFIX = "udvalget for "


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def link_committees(apps, schema_editor):
    Committee = apps.get_model("council", "Committee")
    Department = apps.get_model("organisations", "Department")
    ForetraedeRequest = apps.get_model("hearings", "ForetraedeRequest")
    by_name = {_key(c.name): c.pk for c in Committee.objects.all()}
    by_department: dict[str, list[int]] = {}
    for committee in Committee.objects.filter(is_active=True, kind="standing").prefetch_related(
        "departments"
    ):
        for department in committee.departments.all():
            by_department.setdefault(_key(department.name), []).append(committee.pk)
    departments = {_key(d.name) for d in Department.objects.all()}
    for request in ForetraedeRequest.objects.filter(committee__isnull=True):
        key = _key(request.committee_name)
        committee_id = by_name.get(key)
        if committee_id is None and key.startswith(OLD_DEPARTMENT_PREFIX):
            department = key.removeprefix(OLD_DEPARTMENT_PREFIX)
            candidates = by_department.get(department, []) if department in departments else []
            committee_id = candidates[0] if len(candidates) == 1 else None
        if committee_id is not None:
            ForetraedeRequest.objects.filter(pk=request.pk).update(committee_id=committee_id)


def name_committees(apps, schema_editor):
    """Back to names only: a linked request without a kept name gets the committee's name."""
    ForetraedeRequest = apps.get_model("hearings", "ForetraedeRequest")
    for request in ForetraedeRequest.objects.filter(
        committee__isnull=False, committee_name=""
    ).select_related("committee"):
        ForetraedeRequest.objects.filter(pk=request.pk).update(committee_name=request.committee.name)


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0002_default_committees"),
        ("hearings", "0001_hearings_foretraede"),
        ("organisations", "0002_default_departments"),
    ]

    operations = [
        migrations.RenameField(
            model_name="foretraederequest", old_name="committee", new_name="committee_name"
        ),
        migrations.AlterField(
            model_name="foretraederequest",
            name="committee_name",
            field=models.CharField(
                blank=True,
                help_text="Kept from requests made before the committees were linked.",
                max_length=200,
                verbose_name="the committee as named in the request",
            ),
        ),
        migrations.AddField(
            model_name="foretraederequest",
            name="committee",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="foretraede_requests",
                to="council.committee",
                verbose_name="committee",
            ),
        ),
        migrations.RunPython(link_committees, name_committees),
        migrations.AddConstraint(
            model_name="foretraederequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("committee__isnull", False),
                    models.Q(("committee_name", ""), _negated=True),
                    _connector="OR",
                ),
                name="hearing_foretraede_names_a_committee",
            ),
        ),
    ]
