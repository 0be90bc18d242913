"""On PostgreSQL the audit trail is append-only: a trigger refuses UPDATE and DELETE on it.

TRUNCATE is left to the database owner (the test runner empties tables that way); the application's
database role should not be the owner in production (see docs/adr/0003-audit-trail.md).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION activity_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'activity_activityentry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER activity_entry_no_update_delete
    BEFORE UPDATE OR DELETE ON activity_activityentry
    FOR EACH ROW EXECUTE FUNCTION activity_entry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS activity_entry_no_update_delete ON activity_activityentry;
DROP FUNCTION IF EXISTS activity_entry_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("activity", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
