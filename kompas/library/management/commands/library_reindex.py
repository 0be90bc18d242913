from django.core.management.base import BaseCommand

from kompas.library.services import library_rebuild, search_vectors_refresh


class Command(BaseCommand):
    help = (
        "Rebuild the knowledge library's shared learnings from every registered source and its search index."
    )

    def handle(self, *args, **options):
        result = library_rebuild()
        search_vectors_refresh()
        self.stdout.write(
            f"Learnings: {result.created} added, {result.updated} updated, {result.unchanged} unchanged, "
            f"{result.removed} removed."
        )
