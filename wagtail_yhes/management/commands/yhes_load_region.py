from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from ...loading import load_region
from ...regions import REGIONS
from ...selfservice.moderation import (
    MODERATORS_GROUP_NAME,
    WORKFLOW_NAME,
    setup_moderation,
    site_language_name,
)


class Command(BaseCommand):
    help = (
        "Load the municipalities and default activity fields of a region, and set up the "
        "moderation of associations."
    )

    def add_arguments(self, parser):
        parser.add_argument("region", choices=sorted(REGIONS), help="The region to load.")

    def handle(self, *args, region, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.load(region)

    def load(self, region):
        result = load_region(region)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(region)s: created %(created)d, updated %(updated)d, unchanged %(unchanged)d")
                % {
                    "region": REGIONS[region]["name"],
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                }
            )
        )
        moderation = setup_moderation()
        if moderation.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Moderation: the group “%(group)s” and the workflow “%(workflow)s” "
                        "are set up for associations."
                    )
                    % {
                        "group": MODERATORS_GROUP_NAME,
                        "workflow": site_language_name(WORKFLOW_NAME),
                    }
                )
            )
        else:
            self.stdout.write(_("Moderation: already set up, unchanged."))
