"""The accessibility checks catch what they are meant to catch, on pages made for it."""

import pytest

from .checks import (
    assert_errors_linked,
    assert_form_controls_labelled,
    assert_language_marked,
    assert_no_axe_violations,
    assert_reflows,
    assert_skip_link,
    assert_visible_focus,
    tab_to,
)


def html(body, head=""):
    return (
        f'<!DOCTYPE html><html lang="fi"><head><title>Testi</title>{head}</head>'
        f"<body>{body}</body></html>"
    )


def test_axe_audit_reports_an_image_without_alternative_text(page, axe_script):
    page.set_content(html('<main><h1>Otsikko</h1><img src="data:,"></main>'))
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page, axe_script, "image")


def test_axe_audit_passes_a_plain_page(page, axe_script):
    page.set_content(html("<main><h1>Otsikko</h1><p>Teksti.</p></main>"))
    assert_no_axe_violations(page, axe_script, "plain")


LONG_WORD = "omaishoitajavertaistukiryhmätoimintaa" * 2


def test_reflow_check_reports_a_word_wider_than_the_screen(page):
    page.set_content(html(f"<main><h1>{LONG_WORD}</h1></main>"))
    with pytest.raises(AssertionError, match="wider than a screen of 320 px"):
        assert_reflows(page)


def test_reflow_check_passes_a_word_that_wraps(page):
    page.set_content(html(f'<main><h1 style="overflow-wrap: anywhere">{LONG_WORD}</h1></main>'))
    assert_reflows(page)


def test_focus_check_passes_the_browser_default_focus_ring(page):
    page.set_content(html('<main><a href="#a">Linkki</a><button>Nappi</button></main>'))
    assert_visible_focus(page)


def test_focus_check_reports_a_removed_outline(page):
    page.set_content(
        html(
            '<main><a href="#a">Linkki</a></main>',
            head="<style>a:focus { outline: none; }</style>",
        )
    )
    with pytest.raises(AssertionError, match="no visible focus indicator"):
        assert_visible_focus(page)


def test_focus_check_reports_an_element_hidden_while_focused(page):
    page.set_content(
        html(
            '<a href="#main" class="hidden">Ohita</a><main id="main">Sisältö</main>',
            head="<style>.hidden { position: absolute; left: -9999px; }</style>",
        )
    )
    with pytest.raises(AssertionError, match="not visible while focused"):
        assert_visible_focus(page)


def test_label_check_passes_labelled_controls_and_grouped_choices(page):
    page.set_content(
        html(
            '<main><form><label for="q">Hakusana</label><input id="q" name="q">'
            "<fieldset><legend>Kunta</legend>"
            '<label><input type="checkbox" name="m" value="1"> Mikkeli</label>'
            '<label><input type="checkbox" name="m" value="2"> Juva</label></fieldset>'
            '<input type="search" aria-label="Haku"><button>Hae</button></form></main>'
        )
    )
    assert_form_controls_labelled(page)


def test_label_check_does_not_take_a_placeholder_for_a_label(page):
    page.set_content(html('<main><input name="q" placeholder="Hakusana"></main>'))
    with pytest.raises(AssertionError, match='input\\[name="q"\\].*no label'):
        assert_form_controls_labelled(page)


def test_label_check_reports_choices_without_a_fieldset(page):
    page.set_content(
        html(
            '<main><label><input type="radio" name="s" value="a"> A</label>'
            '<label><input type="radio" name="s" value="b"> B</label></main>'
        )
    )
    with pytest.raises(AssertionError, match="not grouped in a fieldset"):
        assert_form_controls_labelled(page)


def test_error_check_passes_django_error_markup(page):
    page.set_content(
        html(
            '<main><label for="id_email">Sähköposti</label>'
            '<ul class="errorlist" id="id_email_error"><li>Virheellinen osoite.</li></ul>'
            '<input id="id_email" aria-invalid="true" aria-describedby="id_email_error">'
            "</main>"
        )
    )
    assert_errors_linked(page)


def test_error_check_reports_an_error_not_tied_to_its_field(page):
    page.set_content(
        html(
            '<main><label for="id_email">Sähköposti</label>'
            '<ul class="errorlist"><li>Virheellinen osoite.</li></ul>'
            '<input id="id_email" aria-invalid="true"></main>'
        )
    )
    with pytest.raises(AssertionError, match="not referenced by aria-describedby"):
        assert_errors_linked(page)


def test_skip_link_check_follows_the_link_with_the_keyboard(page):
    page.set_content(
        html('<a href="#results">Siirry tuloksiin</a><main id="results" tabindex="-1"></main>')
    )
    assert_skip_link(page, "#results")


def test_skip_link_check_reports_focus_left_behind(page):
    page.set_content(html('<a href="#results">Siirry tuloksiin</a><main id="results"></main>'))
    with pytest.raises(AssertionError, match="focus is not in #results"):
        assert_skip_link(page, "#results")


def test_tab_to_reports_an_element_the_keyboard_cannot_reach(page):
    page.set_content(html('<main><a href="#a">A</a><span onclick="1">Vain hiirellä</span></main>'))
    with pytest.raises(AssertionError, match="Tab never reaches"):
        tab_to(page, page.get_by_text("Vain hiirellä"), max_presses=5)


def test_language_check_finds_a_marked_swedish_name(page):
    page.set_content(html('<main><p>Savonlinna (<span lang="sv">Nyslott</span>)</p></main>'))
    assert_language_marked(page, "Nyslott", "sv")


def test_language_check_reports_an_unmarked_swedish_name(page):
    page.set_content(html("<main><p>Savonlinna</p><p>Nyslott</p></main>"))
    with pytest.raises(AssertionError, match="not 'sv'"):
        assert_language_marked(page, "Nyslott", "sv")
