"""Remove from the archive of messages the addresses that it keeps no longer."""

from django.core.management.base import BaseCommand

from wagtail_yhes.messages.privacy import prune_archive


class Command(BaseCommand):
    help = (
        "Empty the recipients' addresses of messages sent longer ago than "
        "WAGTAIL_YHES_MESSAGE_RETENTION_DAYS (default 730 days)."
    )

    def handle(self, *args, **options):
        count = prune_archive()
        self.stdout.write(f"{count} addresses removed.")
