"""An editor imports a survey export in the admin: upload, map the survey's own activity
fields, look through the preview, confirm. The screenshots illustrate the editors' guide
(``docs/editors-guide.md``, section 5)."""

import pytest
from django.urls import reverse

from wagtail_yhes.models import ActivityField, Association, ImportBatch

from ..survey_export import SURVEY_FIELDS, survey_answers, survey_csv
from .checks import SCREENSHOT_DIR, save_screenshot

ANSWERS = 40

pytestmark = pytest.mark.django_db(transaction=True)


def save_part(locator, name):
    """Save the view from the top of a part of the page as ``test-output/screenshots/<name>.png``.

    The admin scrolls its main area, not the page, so the view is what the editor sees.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    locator.evaluate("(element) => element.scrollIntoView()")
    locator.page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"))


def test_editor_maps_the_survey_s_fields_previews_and_imports(page, browser_context, site, editor):
    site.log_in(browser_context, editor)
    before = Association.objects.filter(live=True).count()
    page.goto(site.url(reverse("wagtail_yhes_import:index")))
    page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "yhes2020-vastaukset.csv",
                "mimeType": "text/csv",
                "buffer": survey_csv(survey_answers(ANSWERS)),
            }
        ],
    )
    save_screenshot(page, "import-upload")
    page.get_by_role("button", name="Tarkista tiedosto").click()

    mapping = page.locator("section[aria-labelledby=yhes-import-mapping-heading]")
    mapping.wait_for()
    for value, field_name in SURVEY_FIELDS.items():
        mapping.get_by_label(value, exact=False).select_option(label=field_name)
    save_part(mapping, "import-mapping")
    mapping.get_by_role("button").click()

    page.get_by_role("button", name=f"Tuo {ANSWERS} riviä").wait_for()
    assert "Varoitukset (1)" in page.inner_text("main")
    page.get_by_role("link", name="Varoitukset (1)").click()
    assert "015 963 0000" in page.inner_text("main")
    page.locator("main details summary").first.click()
    save_part(page.locator("section[aria-labelledby=yhes-import-rows-heading]"), "import-preview")
    page.get_by_role("button", name=f"Tuo {ANSWERS} riviä").click()

    page.get_by_text(f"Uusia {ANSWERS}, päivitettyjä 0, ennallaan 0.").wait_for()
    save_screenshot(page, "import-done")
    assert Association.objects.filter(live=True).count() == before + ANSWERS
    assert ImportBatch.objects.get().status == ImportBatch.Status.DONE
    harrastukset = ActivityField.objects.get(name="Harrastukset")
    assert harrastukset.associations.count() == 5
