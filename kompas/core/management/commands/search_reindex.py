from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.utils import DEFAULT_DB_ALIAS

from kompas.core import search_index


class Command(BaseCommand):
    help = (
        "Store the search document of every row of every searchable module (docs/adr/0022-one-search-index.md): "
        "after restoring data written past the services, or when a module changes the fields it declares."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, database: str, **options: Any) -> None:
        if not search_index.enabled(database):
            self.stdout.write("Nothing to do: the database has no stored search documents (PostgreSQL only).")
            return
        for label, rows in search_index.reindex(using=database).items():
            self.stdout.write(f"{label}: {rows} rows")
