"""Every page state passes the WCAG 2.0/2.1/2.2 A and AA audit in Finnish and Swedish,
with a visible focus, labelled controls, linked error messages, and reflow at 320 pixels."""

import pytest

from .checks import (
    assert_errors_linked,
    assert_form_controls_labelled,
    assert_no_axe_violations,
    assert_reflows,
    assert_visible_focus,
    save_screenshot,
)
from .states import audited_states


def screenshot_name(state, language):
    return state.name if language == "fi" else f"{state.name}-{language}"


@pytest.mark.parametrize(("state", "language"), audited_states())
def test_page_state_is_accessible(state, language, page, site, editor, axe_script, settings):
    for name, value in state.settings.items():
        setattr(settings, name, value)
    if state.editor:
        site.log_in(page.context, editor)
    state.open(page, site)
    save_screenshot(page, screenshot_name(state, language))
    assert_no_axe_violations(page, axe_script, state.name)
    assert_form_controls_labelled(page)
    assert_errors_linked(page)
    assert_visible_focus(page)
    assert_reflows(page)
