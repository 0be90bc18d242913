# pg_trgm for the site search's typo tolerance (docs/adr/0022-one-search-index.md). Django's
# CreateExtension does nothing on a database other than PostgreSQL, so the migration also runs on SQLite.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
    ]
