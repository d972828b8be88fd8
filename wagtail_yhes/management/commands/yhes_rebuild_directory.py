import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ...models import DirectoryEntry, DirectoryWord
from ...search import rebuild_index


class Command(BaseCommand):
    help = (
        "Build the directory's search index anew from the associations. Needed after "
        "installing or upgrading the package on a site with associations, and after "
        "changes that bypassed the ORM's signals, such as bulk writes or raw SQL."
    )

    def handle(self, *args, **options):
        start = time.monotonic()
        rebuild_index()
        self.stdout.write(
            self.style.SUCCESS(
                _("Directory index: %(entries)s associations, %(words)s words, in %(seconds).1f s")
                % {
                    "entries": DirectoryEntry.objects.count(),
                    "words": DirectoryWord.objects.count(),
                    "seconds": time.monotonic() - start,
                }
            )
        )
