from django.core.management.base import BaseCommand

from ...loading import load_region
from ...regions import REGIONS


class Command(BaseCommand):
    help = "Load the municipalities and default activity fields of a region."

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
