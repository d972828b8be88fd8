"""An editor sends a message to Juva's social and health associations, start to finish."""

import re

import pytest
from playwright.sync_api import expect

from wagtail_yhes.messages.sending import send_batch
from wagtail_yhes.models import ActivityField, Message, Municipality

from ..factories import AssociationFactory
from ..messages.smtp import start_server
from .checks import save_screenshot

JUVA_SOCIAL = {
    "Juvan Omaishoitajat ry": "omaiset@juva.example",
    "Juvan Sydänyhdistys ry": "sydan@juva.example",
    "MLL Juvan yhdistys ry": "mll@juva.example",
}


@pytest.fixture
def mailbox(settings):
    controller, mailbox = start_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    yield mailbox
    controller.stop()


@pytest.fixture
def worker(settings):
    """Tasks wait in a queue until the test runs them, as a worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def juva_site(site):
    juva = Municipality.objects.get(code="178")
    social = ActivityField.objects.get(slug="sosiaali-ja-terveys")
    for name, email in JUVA_SOCIAL.items():
        AssociationFactory(name=name, email=email, home_municipality=juva, activity_fields=[social])
    AssociationFactory(name="Juvan Kuoro ry", email="kuoro@juva.example", home_municipality=juva)
    return site


def click_and_wait(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_editor_chooses_writes_previews_tests_sends_and_opens_the_archive(
    page, juva_site, editor, mailbox, worker
):
    site = juva_site
    site.log_in(page.context, editor)
    page.goto(site.url("/admin/yhes-messages/new/"))
    page.get_by_label("Juva", exact=True).check()
    page.get_by_label("Sosiaali- ja terveysala", exact=True).check()
    page.get_by_label("Aihe").fill("Kutsu järjestöjen kuulemiseen")
    page.get_by_label("Teksti", exact=True).fill(
        "Hei {nimi}!\n\nTervetuloa kuulemiseen 12.1. Lisätietoja: https://esavo.fi/kuuleminen"
    )
    save_screenshot(page, "messages-write")
    click_and_wait(page, "Tallenna ja näytä vastaanottajat")

    expect(page.get_by_text("3 osoitetta, 3 yhdistystä.")).to_be_visible()
    for name in JUVA_SOCIAL:
        expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()
    expect(page.locator("pre.yhes-message-text")).to_contain_text("Hei Juvan Omaishoitajat ry!")
    html = page.frame_locator('iframe[title="Viesti HTML-muodossa"]')
    expect(html.get_by_role("link", name="https://esavo.fi/kuuleminen")).to_be_visible()
    save_screenshot(page, "messages-preview")

    click_and_wait(page, "Lähetä testiviesti itselleni")
    expect(
        page.get_by_text("Testiviesti lähetettiin osoitteeseen editor@example.com.")
    ).to_be_visible()
    assert mailbox.recipients() == ["editor@example.com"]

    click_and_wait(page, "Lähetä 3 vastaanottajalle")
    expect(page.get_by_text("0 / 3 käsitelty")).to_be_visible()
    save_screenshot(page, "messages-sending")

    # The worker sends; the page refreshes itself until the progress is complete.
    message = Message.objects.get()
    while send_batch(message.pk):
        pass
    expect(page.get_by_text("3 / 3 käsitelty")).to_be_visible(timeout=10_000)
    expect(page.get_by_text(re.compile(r"^Valmis "))).to_be_visible()
    assert sorted(mailbox.recipients()) == sorted(["editor@example.com", *JUVA_SOCIAL.values()])

    page.goto(site.url("/admin/yhes-messages/"))
    with page.expect_navigation():
        page.get_by_role("link", name="Kutsu järjestöjen kuulemiseen").click()
    expect(page.get_by_role("cell", name="sydan@juva.example")).to_be_visible()
    save_screenshot(page, "messages-archive")
