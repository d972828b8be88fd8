from django.conf import settings
from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from ...models import UpdateReminder, YhesSettings
from ...selfservice.emails import default_directory_page, send_reminder
from ...selfservice.reminders import due_for_reminder


class Command(BaseCommand):
    help = (
        "Email an update link to the published associations whose details have not been "
        "confirmed for the reminder age of the site settings, at most once in that time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the associations that would be emailed, and email none.",
        )

    def handle(self, *args, dry_run=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.remind(dry_run)

    def remind(self, dry_run):
        page = default_directory_page()
        if page is None:
            raise CommandError(_("There is no published directory page for the links to open."))
        site = page.get_site() or Site.objects.filter(is_default_site=True).first()
        months = YhesSettings.for_site(site).reminder_age_months
        due = due_for_reminder(months)

        if dry_run:
            count = 0
            for association in due:
                self.stdout.write(f"{association.name} <{association.email}>")
                count += 1
            self.stdout.write(
                ngettext(
                    "Would email %(count)d association (details older than %(months)d months).",
                    "Would email %(count)d associations (details older than %(months)d months).",
                    count,
                )
                % {"count": count, "months": months}
            )
            return

        sent = failed = 0
        with get_connection() as connection:
            for association in due.iterator():
                if send_reminder(association, page, connection=connection):
                    UpdateReminder.objects.create(association=association)
                    sent += 1
                else:
                    failed += 1
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Emailed %(count)d association (details older than %(months)d months).",
                    "Emailed %(count)d associations (details older than %(months)d months).",
                    sent,
                )
                % {"count": sent, "months": months}
            )
        )
        if failed:
            self.stderr.write(
                self.style.WARNING(
                    ngettext(
                        "%(count)d email could not be sent; see the log.",
                        "%(count)d emails could not be sent; see the log.",
                        failed,
                    )
                    % {"count": failed}
                )
            )
