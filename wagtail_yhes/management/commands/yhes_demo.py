from django.core.management.base import BaseCommand, CommandError

from ...loading import load_region
from ...models import DirectoryPage, VoicePage


class Command(BaseCommand):
    help = (
        "Fill the site with the example content: the South Savo region, the original "
        '"Järjestöjen ääni" page with its liaisons, and generated associations. Running it '
        "again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--associations",
            type=int,
            default=3000,
            metavar="N",
            help="How many generated associations the directory should have (default 3000).",
        )

    def handle(self, *args, associations, **options):
        if associations < 0:
            raise CommandError("--associations must be zero or more.")
        try:
            import faker  # noqa: F401
        except ImportError:
            raise CommandError('yhes_demo needs Faker: pip install "wagtail-yhes[demo]"') from None
        from ...demo.associations import create_associations
        from ...demo.liaisons import load_seed_liaisons
        from ...demo.voice_page import create_voice_page
        from ...search import reindex_associations
        from ...selfservice.moderation import setup_moderation

        region = load_region("etela-savo")
        self.stdout.write(
            f"Region: created {region.created}, updated {region.updated}, "
            f"unchanged {region.unchanged}"
        )
        setup_moderation()
        liaisons = load_seed_liaisons(warn=lambda text: self.stderr.write(self.style.WARNING(text)))
        self.stdout.write(f"Liaisons: created {liaisons}")
        _voice_page, voice_page_created = create_voice_page()
        self.stdout.write(f"Järjestöjen ääni page: created {int(voice_page_created)}")
        created = create_associations(associations)
        if created:
            reindex_associations()
        self.stdout.write(f"Associations: created {created}")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        for model in (VoicePage, DirectoryPage):
            page = model.objects.live().first()
            if page is not None:
                self.stdout.write(f"{page.title}: {page.get_url()}")
