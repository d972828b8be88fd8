"""Every message is translated into Finnish and Swedish, and the catalogues are current.

The catalogues are made by ``scripts/messages.sh`` (``makemessages``) and compiled by
``scripts/messages.sh compile``. These tests fail when a message lacks a translation or is
marked fuzzy, when the source has messages that a catalogue lacks (or the other way
round), when a compiled ``.mo`` file no longer matches its ``.po`` file, and when another
installed app translates one of the package's messages otherwise.
"""

import contextlib
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

import wagtail_yhes

PACKAGE_DIR = Path(wagtail_yhes.__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = ["fi", "sv"]

by_language = pytest.mark.parametrize("language", LANGUAGES)


def catalogue_path(language, suffix="po", locale_dir=LOCALE_DIR):
    return locale_dir / language / "LC_MESSAGES" / f"django.{suffix}"


def message_key(entry):
    """A message as gettext identifies it: its context, singular and plural."""
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def describe(keys):
    """The messages, one a line, for an assertion message."""
    lines = []
    for context, singular, plural in sorted(keys, key=lambda key: (key[1], key[0])):
        text = repr(singular)
        if plural:
            text += f" / {plural!r}"
        if context:
            text += f" (context {context!r})"
        lines.append(f"  {text}")
    return "\n".join(lines)


def translations_of(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def placeholders(text):
    """The placeholders of ``text`` that a translation must keep, such as ``%(app)s``."""
    return sorted(re.findall(r"%\([^)]+\)[a-z]|%[sdif]|\{[a-z_0-9]*\}", text))


def catalogue(language):
    return polib.pofile(str(catalogue_path(language)))


def source_messages(language, extracted_locale_dir):
    extracted = polib.pofile(str(catalogue_path(language, locale_dir=extracted_locale_dir)))
    return {message_key(entry) for entry in extracted}


@pytest.fixture(scope="module")
def extracted_locale_dir(tmp_path_factory):
    """The catalogues as ``makemessages`` makes them from today's source, in a copy.

    Only the package and the top-level templates are copied: ``scripts/messages.sh``
    ignores the rest of the repository (tests, example site, scripts, benchmarks).
    """
    if not shutil.which("xgettext"):
        pytest.fail(
            "GNU gettext is needed to extract the messages: install it "
            "(on Debian: apt-get install gettext)."
        )
    workdir = tmp_path_factory.mktemp("messages")
    shutil.copytree(
        PACKAGE_DIR,
        workdir / "wagtail_yhes",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "templates"),
    )
    if (REPO_DIR / "templates").is_dir():
        shutil.copytree(REPO_DIR / "templates", workdir / "templates")
    locale_dir = workdir / "wagtail_yhes" / "locale"
    # The same options as scripts/messages.sh.
    with override_settings(LOCALE_PATHS=[locale_dir]), contextlib.chdir(workdir):
        call_command(
            "makemessages", locale=LANGUAGES, no_obsolete=True, no_location=True, verbosity=0
        )
    return locale_dir


@by_language
def test_every_message_is_translated(language):
    untranslated = {
        message_key(entry)
        for entry in catalogue(language)
        if not entry.obsolete and not all(translations_of(entry))
    }
    assert not untranslated, (
        f"Untranslated messages in {catalogue_path(language).relative_to(REPO_DIR)}:\n"
        + describe(untranslated)
    )


@by_language
def test_no_translation_is_fuzzy(language):
    fuzzy = {message_key(entry) for entry in catalogue(language).fuzzy_entries()}
    assert not fuzzy, (
        f"Fuzzy translations to check in {catalogue_path(language).relative_to(REPO_DIR)}:\n"
        + describe(fuzzy)
    )


@by_language
def test_translations_keep_the_placeholders_of_the_source(language):
    # A translation that drops or renames "%(app)s" breaks the page that shows it. The
    # singular of a plural message may leave out the count ("yksi" for "one").
    broken = set()
    for entry in catalogue(language).translated_entries():
        if entry.msgid_plural:
            allowed = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
            if any(set(placeholders(text)) - allowed for text in translations_of(entry)):
                broken.add(message_key(entry))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            broken.add(message_key(entry))
    assert not broken, (
        f"Translations whose placeholders differ from the source in "
        f"{catalogue_path(language).relative_to(REPO_DIR)}:\n" + describe(broken)
    )


@by_language
def test_catalogue_has_every_message_of_the_source(language, extracted_locale_dir):
    in_source = source_messages(language, extracted_locale_dir)
    in_catalogue = {message_key(entry) for entry in catalogue(language) if not entry.obsolete}
    missing = in_source - in_catalogue
    assert not missing, (
        f"Messages of the source missing from {catalogue_path(language).relative_to(REPO_DIR)}"
        " (run scripts/messages.sh, translate, then scripts/messages.sh compile):\n"
        + describe(missing)
    )


@by_language
def test_catalogue_has_no_message_that_the_source_dropped(language, extracted_locale_dir):
    in_source = source_messages(language, extracted_locale_dir)
    in_catalogue = {message_key(entry) for entry in catalogue(language)}
    stale = in_catalogue - in_source
    assert not stale, (
        f"Messages in {catalogue_path(language).relative_to(REPO_DIR)} that the source no "
        "longer has (run scripts/messages.sh):\n" + describe(stale)
    )


@by_language
def test_compiled_catalogue_matches_its_source(language):
    compiled_path = catalogue_path(language, "mo")
    assert compiled_path.is_file(), f"{compiled_path.relative_to(REPO_DIR)} is missing"
    compiled = {
        message_key(entry): translations_of(entry)
        for entry in polib.mofile(str(compiled_path))
        if entry.msgid  # the header
    }
    expected = {
        message_key(entry): translations_of(entry)
        for entry in catalogue(language).translated_entries()
    }
    differing = {
        key for key in compiled.keys() | expected.keys() if compiled.get(key) != expected.get(key)
    }
    assert not differing, (
        f"{compiled_path.relative_to(REPO_DIR)} is out of date with its .po file "
        "(run scripts/messages.sh compile); messages that differ:\n" + describe(differing)
    )


@by_language
def test_no_other_app_translates_a_message_of_the_package_otherwise(language):
    """A message that Wagtail (or another app) also has, it must translate alike.

    Django takes each message from the first installed app that translates it, and the
    install instructions add ``wagtail_yhes`` after Wagtail's apps: so Wagtail's wording
    would replace the package's, such as the verb "Tuo" for the menu's "Tuonti". Such a
    message gets a context (``pgettext``) of its own. Django's own catalogue comes after
    every app's and cannot replace one.
    """
    ours = {
        message_key(entry): translations_of(entry)
        for entry in catalogue(language).translated_entries()
    }
    replaced = set()
    for app in apps.get_app_configs():
        path = catalogue_path(language, "mo", locale_dir=Path(app.path) / "locale")
        if app.name == "wagtail_yhes" or not path.is_file():
            continue
        for entry in polib.mofile(str(path)):
            key = message_key(entry)
            if key in ours and translations_of(entry) != ours[key]:
                replaced.add(key)
    assert not replaced, (
        "Messages that another installed app translates otherwise; give each a context:\n"
        + describe(replaced)
    )
