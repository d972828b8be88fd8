from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

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
        parser.add_argument(
            "--hostname",
            help="The host name that the site is served at, for the links that it makes "
            "(emails, open data, the sitemap).",
        )
        parser.add_argument(
            "--port", type=int, help="The port that the site is served at, with --hostname."
        )

    def handle(self, *args, associations, hostname=None, port=None, **options):
        if associations < 0:
            raise CommandError(_("--associations must be zero or more."))
        if port is not None and not 0 < port < 65536:
            raise CommandError(_("--port must be between 1 and 65535."))
        try:
            import faker  # noqa: F401
        except ImportError:
            raise CommandError(
                _('yhes_demo needs Faker: pip install "wagtail-yhes[demo]"')
            ) from None
        with translation.override(settings.LANGUAGE_CODE):
            self.fill(associations)
            if hostname:
                self.serve_at(hostname, port or 80)
            self.list_pages()

    def fill(self, associations):
        from ...demo.associations import create_associations
        from ...demo.liaisons import load_seed_liaisons
        from ...demo.voice_page import create_voice_page
        from ...search import reindex_associations
        from ...selfservice.moderation import setup_moderation

        region = load_region("etela-savo")
        self.stdout.write(
            _("Region: created %(created)d, updated %(updated)d, unchanged %(unchanged)d")
            % {
                "created": region.created,
                "updated": region.updated,
                "unchanged": region.unchanged,
            }
        )
        setup_moderation()
        liaisons = load_seed_liaisons(warn=lambda text: self.stderr.write(self.style.WARNING(text)))
        self.stdout.write(_("Liaisons: created %(count)d") % {"count": liaisons})
        _voice_page, voice_page_created = create_voice_page()
        self.stdout.write(
            _("Järjestöjen ääni page: created %(count)d") % {"count": int(voice_page_created)}
        )
        created = create_associations(associations)
        if created:
            reindex_associations()
        self.stdout.write(_("Associations: created %(count)d") % {"count": created})
        self.stdout.write(self.style.SUCCESS(_("Demo content is ready.")))

    def serve_at(self, hostname, port):
        from ...demo.pages import serve_default_site_at

        site = serve_default_site_at(hostname, port)
        self.stdout.write(_("Site: %(url)s") % {"url": site.root_url})

    def list_pages(self):
        for model in (VoicePage, DirectoryPage):
            page = model.objects.live().first()
            if page is not None:
                self.stdout.write(f"{page.title}: {page.get_url()}")
