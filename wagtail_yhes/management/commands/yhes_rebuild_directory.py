import time

from django.core.management.base import BaseCommand

from ...models import DirectoryEntry, DirectoryTerm
from ...search import rebuild_index


class Command(BaseCommand):
    help = (
        "Build the public directory's search index anew from the published associations. "
        "Needed only after changes that bypassed the ORM's signals, such as bulk writes or raw SQL."
    )

    def handle(self, *args, **options):
        start = time.monotonic()
        rebuild_index()
        self.stdout.write(
            self.style.SUCCESS(
                f"Directory index: {DirectoryEntry.objects.count()} associations, "
                f"{DirectoryTerm.objects.count()} terms, "
                f"in {time.monotonic() - start:.1f} s"
            )
        )
