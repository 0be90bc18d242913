"""The append-only trigger gets one documented erase path (ADR 0018).

An UPDATE is let through only when the transaction has run ``SET LOCAL kompas.audit_erasure = 'on'`` (the
erasure service does, through ``set_config(..., true)``) and it changes nothing but ``target_repr`` and
``changes``. DELETE is refused always, as is every other UPDATE. PostgreSQL only; SQLite has no trigger.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION activity_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND coalesce(current_setting('kompas.audit_erasure', true), '') = 'on'
       AND (to_jsonb(NEW) - 'target_repr' - 'changes') = (to_jsonb(OLD) - 'target_repr' - 'changes') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'activity_activityentry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

# Back to the function of migration 0002: no UPDATE at all.
RESTORE = """
CREATE OR REPLACE FUNCTION activity_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'activity_activityentry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def allow_erasure(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def refuse_erasure(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE, params=None)


class Migration(migrations.Migration):
    dependencies = [("activity", "0002_append_only_trigger")]
    operations = [migrations.RunPython(allow_erasure, refuse_erasure)]
