"""Editors create "Järjestöjen ääni" pages in the Wagtail admin; visitors read them."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from tests.testapp.models import HostPage
from wagtail_yhes.blocks import VoiceStreamBlock
from wagtail_yhes.demo.liaisons import load_seed_liaisons
from wagtail_yhes.demo.voice_page import INTRO, TITLE, seed_page_body
from wagtail_yhes.loading import load_region
from wagtail_yhes.models import DirectoryPage, VoicePage

from .seed_page import block_form_data, html_to_text, missing_in_order, seed_content_lines


def home_page():
    return Site.objects.get(is_default_site=True).root_page


class VoicePageAdminTests(WagtailPageTestCase):
    """The page type in the admin, with Wagtail's own page assertions."""

    @classmethod
    def setUpTestData(cls):
        load_region("etela-savo")
        load_seed_liaisons(warn=lambda text: None)
        cls.home = home_page()
        cls.directory = DirectoryPage(title="Yhdistyshaku", slug="yhdistyshaku")
        cls.home.add_child(instance=cls.directory)

    def setUp(self):
        self.user = self.login()
        # The admin speaks the editor's language; its texts are checked in English.
        profile = UserProfile.get_for_user(self.user)
        profile.preferred_language = "en"
        profile.save()

    def seed_page_form_data(self):
        body_block = VoicePage._meta.get_field("body").stream_block
        return nested_form_data(
            {
                "title": TITLE,
                "slug": "jarjestojen-aani",
                "intro": rich_text(INTRO, features=["bold", "italic", "link"]),
                "body": block_form_data(body_block, seed_page_body(self.directory)),
            }
        )

    def test_voice_page_can_be_created_under_any_page(self):
        self.assertCanCreateAt(Page, VoicePage)
        self.assertCanCreateAt(HostPage, VoicePage)

    def test_voice_page_takes_voice_and_directory_pages_below_it(self):
        self.assertAllowedSubpageTypes(VoicePage, [VoicePage, DirectoryPage])

    def test_editor_creates_the_seed_page_from_the_blocks(self):
        self.assertCanCreate(self.home, VoicePage, self.seed_page_form_data())
        page = VoicePage.objects.get(slug="jarjestojen-aani")
        assert page.live
        response = self.client.get(page.url)
        assert (
            missing_in_order(seed_content_lines(), html_to_text(response.content.decode())) is None
        )

    def test_editor_creates_a_page_with_only_a_title(self):
        self.assertCanCreate(
            self.home, VoicePage, nested_form_data({"title": "Ääni", "body": streamfield([])})
        )

    def test_add_form_offers_the_municipalities_and_blocks(self):
        url = reverse("wagtailadmin_pages:add", args=["wagtail_yhes", "voicepage", self.home.pk])
        response = self.client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        for label in ("Development goals", "Challenges", "Examples of cooperation", "Survey"):
            assert label in html
        assert "Savonlinna" in html

    def test_survey_closing_before_opening_is_shown_as_an_error(self):
        body_block = VoicePage._meta.get_field("body").stream_block
        survey = {
            "title": "Kysely",
            "survey_url": "https://www.webropol.com/s/YhES2020",
            "opens": "2020-06-01",
            "closes": "2020-05-31",
        }
        data = nested_form_data(
            {
                "title": "Kysely",
                "slug": "kysely",
                "body": block_form_data(body_block, [("survey", survey)]),
                "action-publish": "action-publish",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["wagtail_yhes", "voicepage", self.home.pk])
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert not VoicePage.objects.filter(slug="kysely").exists()
        assert "The survey cannot close before it opens." in response.content.decode()

    def test_editor_opens_the_seed_page_for_editing(self):
        page = VoicePage(title=TITLE, slug="jarjestojen-aani", intro=INTRO)
        page.body = seed_page_body(self.directory)
        self.home.add_child(instance=page)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        assert "Savonlinnan kaupunki" in response.content.decode()

    def test_seed_page_is_renderable_and_previewable(self):
        page = VoicePage(title=TITLE, slug="jarjestojen-aani", intro=INTRO)
        page.body = seed_page_body(self.directory)
        self.home.add_child(instance=page)
        self.assertPageIsRenderable(page)
        # The StreamField editor is drawn by JavaScript, so the form data is given here.
        self.assertPageIsPreviewable(page, post_data=self.seed_page_form_data())

    def test_host_page_with_the_voice_blocks_is_creatable_and_renderable(self):
        body_block = HostPage._meta.get_field("body").stream_block
        data = nested_form_data(
            {
                "title": "Oma sivu",
                "slug": "oma-sivu",
                "body": block_form_data(
                    body_block,
                    [
                        ("key_figure", {"typed_figure": "12", "text": "kuntaa"}),
                        ("goals", {"heading": "Tavoitteet", "items": [{"text": "Yhteistyö"}]}),
                        ("liaisons", {"municipalities": []}),
                    ],
                ),
            }
        )
        self.assertCanCreate(self.home, HostPage, data)
        page = HostPage.objects.get(slug="oma-sivu")
        self.assertPageIsRenderable(page)
        text = html_to_text(self.client.get(page.url).content.decode())
        assert "12 kuntaa" in text
        assert "Tavoitteet Yhteistyö" in text
        assert "Minna Laurio, minna.laurio@enonkoski.fi" in text


@pytest.mark.django_db
def test_voice_page_needs_only_a_title_and_slug(client):
    page = VoicePage(title="Järjestöjen ääni", slug="aani")
    home_page().add_child(instance=page)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


@pytest.mark.django_db
def test_voice_page_shows_its_introduction_under_the_title(client):
    page = VoicePage(title="Järjestöjen ääni", slug="aani", intro="<p>Yhdessä parasta jälkeä</p>")
    home_page().add_child(instance=page)
    text = html_to_text(client.get(page.url).content.decode())
    assert "Järjestöjen ääni Yhdessä parasta jälkeä" in text


@pytest.mark.django_db
def test_voice_page_links_the_stylesheet(client):
    page = VoicePage(title="Järjestöjen ääni", slug="aani")
    home_page().add_child(instance=page)
    html = client.get(page.url).content.decode()
    assert '<link rel="stylesheet" href="/static/wagtail_yhes/css/yhes.css">' in html


@pytest.mark.django_db
def test_host_site_can_leave_the_stylesheet_out(client, settings):
    settings.WAGTAIL_YHES_STYLESHEET = None
    page = VoicePage(title="Järjestöjen ääni", slug="aani")
    home_page().add_child(instance=page)
    assert "yhes.css" not in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_voice_page_extends_the_configured_base_template(client, settings):
    settings.WAGTAIL_YHES_BASE_TEMPLATE = "yhes_testapp/other_base.html"
    page = VoicePage(title="Järjestöjen ääni", slug="aani")
    home_page().add_child(instance=page)
    assert "other base template" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_voice_page_body_is_searchable(django_capture_on_commit_callbacks):
    page = VoicePage(title="Järjestöjen ääni", slug="aani")
    page.body = [("goals", {"heading": "Kehittämistavoitteet", "items": [{"text": "Malli"}]})]
    # Some Wagtail versions update the search index once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        home_page().add_child(instance=page)
    assert list(VoicePage.objects.live().search("Kehittämistavoitteet")) == [page.page_ptr.specific]


def test_host_page_body_is_the_voice_stream_block():
    assert isinstance(HostPage._meta.get_field("body").stream_block, VoiceStreamBlock)


@pytest.mark.django_db
def test_voice_page_content_is_marked_with_its_language_for_a_visitor_of_another(client):
    page = VoicePage(title="Järjestöjen ääni", slug="aani")
    home_page().add_child(instance=page)
    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<html lang="sv">' in html
    assert '<article class="yhes-voice-page" lang="fi">' in html


@pytest.mark.django_db
def test_voice_page_content_is_not_marked_again_in_the_site_language(client):
    page = VoicePage(title="Järjestöjen ääni", slug="aani")
    home_page().add_child(instance=page)
    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert '<article class="yhes-voice-page">' in html


@pytest.mark.django_db
def test_voice_page_is_in_the_site_language_whatever_the_code_of_its_locale(client, settings):
    # Without Wagtail's internationalisation, a site made by ``wagtail start`` has the one
    # locale "en" under its Finnish pages.
    settings.WAGTAIL_I18N_ENABLED = False
    settings.WAGTAIL_CONTENT_LANGUAGES = [("fi", "Suomi"), ("en", "English")]
    page = VoicePage(
        title="Järjestöjen ääni", slug="aani", locale=Locale.objects.create(language_code="en")
    )
    page.body = [("goals", {"heading": "", "items": [{"text": "Malli"}]})]
    home_page().add_child(instance=page)
    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<article class="yhes-voice-page" lang="fi">' in html
    with translation.override("fi"):
        assert translation.gettext("Development goals") in html


@pytest.mark.django_db
def test_voice_page_is_in_the_language_of_its_locale_with_internationalisation(client, settings):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska")]
    page = VoicePage(
        title="Föreningarnas röst", slug="rost", locale=Locale.objects.create(language_code="sv")
    )
    page.body = [("goals", {"heading": "", "items": [{"text": "Modell"}]})]
    home_page().add_child(instance=page)
    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert '<article class="yhes-voice-page" lang="sv">' in html
    with translation.override("sv"):
        assert translation.gettext("Development goals") in html


@pytest.mark.django_db
def test_voice_page_blocks_speak_the_language_of_the_page(client, region):
    directory = DirectoryPage(title="Yhdistyshaku", slug="yhdistyshaku")
    home_page().add_child(instance=directory)
    page = VoicePage(title="Järjestöjen ääni", slug="aani")
    page.body = [("directory_search", {"page": directory, "show_municipality": True})]
    home_page().add_child(instance=page)
    html = client.get(page.url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    # The municipality of the search form is asked in Finnish, by its Finnish name.
    with translation.override("fi"):
        assert f">{translation.gettext('Municipality')}</label>" in html
    assert ">Savonlinna</option>" in html
    assert "Nyslott" not in html
