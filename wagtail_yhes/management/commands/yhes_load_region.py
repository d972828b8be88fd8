from django.core.management.base import BaseCommand

from ...loading import load_region
from ...regions import REGIONS
from ...selfservice.moderation import MODERATORS_GROUP_NAME, WORKFLOW_NAME, setup_moderation


class Command(BaseCommand):
    help = (
        "Load the municipalities and default activity fields of a region, and set up the "
        "moderation of associations."
    )

    def add_arguments(self, parser):
        parser.add_argument("region", choices=sorted(REGIONS), help="The region to load.")

    def handle(self, *args, region, **options):
        result = load_region(region)
        self.stdout.write(
            self.style.SUCCESS(
                f"{REGIONS[region]['name']}: created {result.created}, "
                f"updated {result.updated}, unchanged {result.unchanged}"
            )
        )
        moderation = setup_moderation()
        if moderation.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f'Moderation: the group "{MODERATORS_GROUP_NAME}" and the workflow '
                    f'"{WORKFLOW_NAME}" are set up for associations.'
                )
            )
        else:
            self.stdout.write("Moderation: already set up, unchanged.")
