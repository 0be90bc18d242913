# The library's GIN index (ADR 13) joins the one search index (docs/adr/0022-one-search-index.md): no pending
# list, so the planner uses it, and the documents are stored once more by the same code as every module's.

from django.db import migrations

from kompas.core.search_index import index_and_fill


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
    ]

    operations = [
        index_and_fill(
            "library.LibraryItem",
            {"title": "A", "summary": "B", "body": "C"},
            index="library_item_search_gin",
        ),
    ]
