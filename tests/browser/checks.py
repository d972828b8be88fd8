"""Accessibility checks of a page state in the browser.

The axe-core audit, a visible focus on everything that Tab reaches, labelled form
controls, error messages linked to their fields, skip links and language marks. Each check
raises ``AssertionError`` with a readable list of what is wrong.
"""

from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = REPO_DIR / "test-output" / "screenshots"

#: WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA (axe-core's rule tags).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: Django's error list of one field; the errors of the whole form are not a field's.
FIELD_ERRORS = "ul.errorlist:not(.nonfield)"

#: A page with more tab stops than this is walked only this far.
MAX_TAB_STOPS = 300


def read_axe_script():
    """The source of axe-core, installed with ``npm ci`` from the repository's lock file."""
    if not AXE_SCRIPT.is_file():
        raise AssertionError(
            f"axe-core is not installed ({AXE_SCRIPT.relative_to(REPO_DIR)} is missing): "
            "run `npm ci` in the repository root."
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


def save_screenshot(page, state):
    """Save the whole page as ``test-output/screenshots/<state>.png``; return the path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{state}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# JavaScript run in the page. ``describe`` names an element briefly for a message.
_DESCRIBE = """(element) => {
    let text = element.tagName.toLowerCase();
    if (element.id) text += "#" + element.id;
    for (const attribute of ["name", "type", "href"]) {
        if (element.hasAttribute(attribute)) {
            text += `[${attribute}="${element.getAttribute(attribute)}"]`;
        }
    }
    const label = (element.innerText || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return label ? `${text} "${label}"` : text;
}"""

_RUN_AXE = """async ([tags, exclude]) => {
    const results = await axe.run({include: [document], exclude: exclude}, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({
            target: node.target.join(" "),
            html: node.html,
            summary: node.failureSummary,
        })),
    }));
}"""


def axe_violations(page, axe_script, exclude=()):
    """Run axe-core with the WCAG A and AA rules on the page as it is now.

    ``exclude`` are CSS selectors of parts that are not the package's to answer for.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_script)
    return page.evaluate(_RUN_AXE, [AXE_TAGS, [[selector] for selector in exclude]])


def format_violations(violations):
    """axe-core's violations as an indented list: rule, help, and each failing element."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            html = node["html"] if len(node["html"]) <= 160 else node["html"][:157] + "..."
            lines.append(f"  * {node['target']}")
            lines.append(f"    {html}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


def assert_no_axe_violations(page, axe_script, state):
    """Fail with every rule that axe-core finds broken on the page."""
    violations = axe_violations(page, axe_script)
    assert not violations, (
        f"{len(violations)} accessibility rule(s) fail on {state!r} ({page.url}):\n"
        + format_violations(violations)
    )


_LOOK = """(element) => {
    const style = getComputedStyle(element);
    return [
        style.outlineStyle, style.outlineWidth, style.outlineColor, style.outlineOffset,
        style.boxShadow, style.borderTopColor, style.borderBottomColor,
        style.borderBottomWidth, style.backgroundColor, style.color, style.textDecorationLine,
    ].join(" | ");
}"""

_START_FROM_TOP = """() => {
    // Focus a throwaway element at the very top and remove it: the next Tab then starts
    // from the top of the page, as it does for a keyboard user who has just arrived.
    window.scrollTo(0, 0);
    const start = document.createElement("span");
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    start.remove();
    window.__yhesTabOrder = [];
}"""

_RECORD_FOCUS = f"""() => {{
    const describe = {_DESCRIBE};
    const look = {_LOOK};
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) {{
        return null;
    }}
    if (window.__yhesTabOrder.includes(element)) {{
        return null;
    }}
    window.__yhesTabOrder.push(element);
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return {{
        description: describe(element),
        visible: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
        indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
                    && style.outlineColor !== "rgba(0, 0, 0, 0)")
            || style.boxShadow !== "none",
        focusedLook: look(element),
    }};
}}"""

_UNFOCUSED_LOOKS = f"""() => {{
    const look = {_LOOK};
    document.activeElement && document.activeElement.blur();
    return window.__yhesTabOrder.map((element) => look(element));
}}"""


def walk_tab_order(page):
    """Press Tab from the top of the page until focus leaves the page or comes round.

    Returns the tab stops in order, each a dictionary: ``description`` (a short name of
    the element), ``visible`` (inside the viewport and not shrunk to a pixel),
    ``indicator`` (an outline or a shadow is drawn), ``focused_look`` and
    ``unfocused_look`` (the element's computed style with and without focus).
    """
    page.evaluate(_START_FROM_TOP)
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(_RECORD_FOCUS)
        if stop is None:
            break
        stops.append(stop)
    for stop, unfocused in zip(stops, page.evaluate(_UNFOCUSED_LOOKS), strict=True):
        stop["focused_look"] = stop.pop("focusedLook")
        stop["unfocused_look"] = unfocused
    return stops


def assert_visible_focus(page):
    """Every element that Tab reaches is on screen and looks different while focused.

    WCAG 2.4.7: a keyboard user sees where the focus is. The focused element must draw
    an outline or a shadow that it does not draw without focus.
    """
    problems = []
    for stop in walk_tab_order(page):
        if not stop["visible"]:
            problems.append(f"{stop['description']}: not visible while focused")
        elif not stop["indicator"] or stop["focused_look"] == stop["unfocused_look"]:
            problems.append(f"{stop['description']}: no visible focus indicator")
    assert not problems, f"Focus is not visible on {page.url}:\n" + "\n".join(
        f"- {problem}" for problem in problems
    )


def assert_reflows(page, width=320):
    """At ``width`` CSS pixels, a phone's screen, the page needs no horizontal scrolling.

    WCAG 1.4.10: content reflows at 320 pixels (1,280 at 400% zoom), so long Finnish
    compound words, e-mail and web addresses must wrap.
    """
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": size["height"]})
    try:
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    finally:
        page.set_viewport_size(size)
    assert overflow <= 0, f"{page.url} is {overflow} px wider than a screen of {width} px"


def tab_to(page, locator, max_presses=MAX_TAB_STOPS):
    """Press Tab until ``locator`` has focus, as a keyboard user would reach it.

    Fails if the element is never reached, which means a mouse user can use it and a
    keyboard user cannot.
    """
    target = locator.element_handle()
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate("(target) => document.activeElement === target", target):
            return
    raise AssertionError(f"Tab never reaches {locator} on {page.url}")


_UNLABELLED_CONTROLS = f"""() => {{
    const describe = {_DESCRIBE};
    const text = (element) => (element ? (element.innerText || element.textContent || "") : "")
        .trim();
    const rendered = (element) => element.getClientRects().length > 0
        && !element.closest("[hidden], [aria-hidden=true]");
    const labelledBy = (element) => (element.getAttribute("aria-labelledby") || "")
        .split(/\\s+/).filter(Boolean)
        .map((id) => text(document.getElementById(id))).join(" ").trim();
    const problems = [];
    const controls = document.querySelectorAll(
        "input, select, textarea, button, [role=textbox], [role=combobox], [role=listbox],"
        + " [role=checkbox], [role=radio], [role=switch], [role=slider], [role=spinbutton]"
    );
    for (const control of controls) {{
        const type = (control.getAttribute("type") || "").toLowerCase();
        if (type === "hidden" || !rendered(control)) continue;
        let name = "";
        if (control.tagName === "BUTTON" || ["submit", "reset", "button"].includes(type)) {{
            name = text(control) || control.value || "";
        }} else if (type === "image") {{
            name = control.getAttribute("alt") || "";
        }} else if (control.labels) {{
            name = Array.from(control.labels).map(text).join(" ").trim();
        }}
        name = name || labelledBy(control) || (control.getAttribute("aria-label") || "").trim();
        if (!name) problems.push(`${{describe(control)}}: no label`);
    }}
    // Radio buttons and checkboxes that answer one question are grouped under its text.
    const groups = new Map();
    for (const control of document.querySelectorAll(
        "input[type=radio][name], input[type=checkbox][name]"
    )) {{
        if (!rendered(control)) continue;
        const key = `${{control.form ? Array.from(document.forms).indexOf(control.form) : -1}}`
            + `/${{control.name}}`;
        groups.set(key, [...(groups.get(key) || []), control]);
    }}
    for (const [key, members] of groups) {{
        if (members.length < 2) continue;
        const fieldset = members[0].closest("fieldset");
        const group = members[0].closest("[role=group], [role=radiogroup]");
        const groupName = (fieldset && text(fieldset.querySelector("legend")))
            || (group && (labelledBy(group) || group.getAttribute("aria-label") || ""));
        const together = members.every((member) =>
            (fieldset && fieldset.contains(member)) || (group && group.contains(member)));
        if (!groupName || !together) {{
            problems.push(`${{describe(members[0])}} and ${{members.length - 1}} more: `
                + "not grouped in a fieldset with a legend");
        }}
    }}
    return problems;
}}"""


def assert_form_controls_labelled(page):
    """Every form control has a label; grouped choices have a fieldset and a legend.

    A name from ``<label>``, ``aria-labelledby`` or ``aria-label`` counts (a button's
    own text for a button); a placeholder or a title alone does not, since it disappears
    or cannot be seen (WCAG 1.3.1, 3.3.2, 4.1.2).
    """
    problems = page.evaluate(_UNLABELLED_CONTROLS)
    assert not problems, f"Form controls without a label on {page.url}:\n" + "\n".join(
        f"- {problem}" for problem in problems
    )


_UNLINKED_ERRORS = f"""(errorSelector) => {{
    const describe = {_DESCRIBE};
    const rendered = (element) => element.getClientRects().length > 0;
    const describedBy = (element) => (element.getAttribute("aria-describedby") || "")
        .split(/\\s+/).filter(Boolean);
    const problems = [];
    const describers = Array.from(document.querySelectorAll("[aria-describedby]"));
    for (const error of document.querySelectorAll(errorSelector)) {{
        if (!rendered(error)) continue;
        if (!error.id || !describers.some((el) => describedBy(el).includes(error.id))) {{
            problems.push(`error message "${{error.innerText.trim().slice(0, 60)}}" is not `
                + "referenced by aria-describedby of its field");
        }}
    }}
    for (const field of document.querySelectorAll("[aria-invalid=true]")) {{
        // A group of choices carries the description on its fieldset.
        const holders = [field, field.closest("fieldset")].filter(Boolean);
        const linked = holders.some((holder) => describedBy(holder).some((id) => {{
            const target = document.getElementById(id);
            return target && target.matches(errorSelector) && target.innerText.trim();
        }}));
        if (!linked) problems.push(`${{describe(field)}}: invalid, but no error message linked`);
    }}
    return problems;
}}"""


def assert_errors_linked(page, error_selector=FIELD_ERRORS):
    """Each field's error message is tied to its field with ``aria-describedby``.

    A screen reader then reads the error when the field gets focus (WCAG 3.3.1, 1.3.1);
    every field marked ``aria-invalid`` has such a message.
    """
    problems = page.evaluate(_UNLINKED_ERRORS, error_selector)
    assert not problems, f"Error messages not linked to fields on {page.url}:\n" + "\n".join(
        f"- {problem}" for problem in problems
    )


def assert_skip_link(page, target_selector, max_presses=3):
    """A link among the first Tab stops jumps to ``target_selector``, and focus follows.

    WCAG 2.4.1: a keyboard user skips what repeats on every page, such as the header and
    the search form, straight to the content or the results.
    """
    page.evaluate(_START_FROM_TOP)
    target_id = page.locator(target_selector).first.get_attribute("id")
    assert target_id, f"{target_selector} has no id for a skip link to point to"
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href')")
        if href == f"#{target_id}":
            break
    else:
        raise AssertionError(
            f"None of the first {max_presses} Tab stops on {page.url} is a link to #{target_id}"
        )
    page.keyboard.press("Enter")
    focus_inside = page.evaluate(
        "(id) => document.getElementById(id).contains(document.activeElement)", target_id
    )
    assert focus_inside, f"After the skip link, focus is not in #{target_id} (add tabindex=-1)"


def assert_language_marked(page, text, language):
    """The element that shows ``text`` is marked with ``lang=language`` (WCAG 3.1.2).

    For a Swedish name on a Finnish page, such as "Nyslott", so that a screen reader
    pronounces it in Swedish.
    """
    element = page.get_by_text(text, exact=True).first
    marked = element.evaluate("(element) => element.closest('[lang]')?.getAttribute('lang')")
    assert (marked or "").split("-")[0] == language, (
        f"{text!r} is in lang={marked!r}, not {language!r}, on {page.url}"
    )
