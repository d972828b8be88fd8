"""Importing a survey export: matching, idempotence, revisions, drafts, and all or nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import ModelLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend
from wagtail.signals import published

from wagtail_yhes.finnish import query_words
from wagtail_yhes.importing import import_associations
from wagtail_yhes.importing.apply import CREATE_ACTION, UPDATE_ACTION
from wagtail_yhes.matching import find_existing
from wagtail_yhes.models import ActivityField, Association, DirectoryEntry, Municipality
from wagtail_yhes.regions import ETELA_SAVO_MUNICIPALITIES
from wagtail_yhes.search import Search

from .factories import AssociationFactory
from .import_files import SURVEY_EXPORTS, csv_bytes, fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def directory_search(text):
    """The names that the public directory finds for ``text``, in order."""
    ids = Search(words=tuple(query_words(text))).page(0, 20)
    return list(Association.objects.filter(pk__in=ids).values_list("name", flat=True))


def search(query, queryset=None):
    """Associations that Wagtail's search backend finds (the directory has its own index)."""
    queryset = Association.objects.all() if queryset is None else queryset
    return list(get_search_backend().search(query, queryset))


def import_rows(headers, rows, **kwargs):
    return import_associations(csv_bytes(headers, rows), filename="test.csv", **kwargs)


def snapshot(association):
    """The imported details of an association, for comparing imports."""
    return {
        "name": association.name,
        "abbreviation": association.abbreviation,
        "business_id": association.business_id,
        "registration_number": association.registration_number,
        "home_municipality": association.home_municipality.code,
        "municipalities": sorted(m.code for m in association.municipalities.all()),
        "activity_fields": sorted(f.slug for f in association.activity_fields.all()),
        "description": association.description,
        "email": association.email,
        "phone": association.phone,
        "website": association.website,
        "street_address": association.street_address,
        "postal_code": association.postal_code,
        "post_office": association.post_office,
        "contact_name": association.contact_name,
        "contact_email": association.contact_email,
        "contact_phone": association.contact_phone,
        "contact_consent": association.contact_consent,
        "last_verified": association.last_verified,
    }


EXPECTED = {
    "Mikkelin Martat ry": {
        "name": "Mikkelin Martat ry",
        "abbreviation": "",
        "business_id": "0112038-9",
        "registration_number": "123.456",
        "home_municipality": "491",
        "municipalities": ["097", "491"],
        "activity_fields": ["harrastukset", "lapset-nuoret-ja-perheet"],
        "description": "Ruokakursseja – ja retkiä.\nTervetuloa mukaan!",
        "email": "info@mikkelinmartat.fi",
        "phone": "+358401234567",
        "website": "https://mikkelinmartat.fi",
        "street_address": "Porrassalmenkatu 1",
        "postal_code": "50100",
        "post_office": "Mikkeli",
        "contact_name": "Maija Meikäläinen",
        "contact_email": "maija@mikkelinmartat.fi",
        "contact_phone": "+358447654321",
        "contact_consent": True,
        "last_verified": datetime.date(2020, 6, 15),
    },
    "Nyslotts svenska förening rf": {
        "name": "Nyslotts svenska förening rf",
        "abbreviation": "NSF",
        "business_id": "",
        "registration_number": "",
        "home_municipality": "740",
        "municipalities": sorted(code for code, _fi, _sv in ETELA_SAVO_MUNICIPALITIES),
        "activity_fields": ["kulttuuri-ja-taide"],
        "description": "",
        "email": "nsf@example.fi",
        "phone": "",
        "website": "",
        "street_address": "",
        "postal_code": "",
        "post_office": "",
        "contact_name": "Åsa Öberg",
        "contact_email": "",
        "contact_phone": "",
        "contact_consent": False,
        "last_verified": datetime.date(2020, 6, 16),
    },
    "Juvan Eläkeläiset ry": {
        "name": "Juvan Eläkeläiset ry",
        "abbreviation": "",
        "business_id": "",
        "registration_number": "",
        "home_municipality": "178",
        "municipalities": [],
        "activity_fields": ["elakelaiset-ja-ikaihmiset"],
        "description": "",
        "email": "",
        "phone": "",
        "website": "",
        "street_address": "",
        "postal_code": "51900",
        "post_office": "Juva",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "contact_consent": True,
        "last_verified": datetime.date(2020, 6, 18),
    },
}


@pytest.mark.parametrize("name", SURVEY_EXPORTS)
def test_every_survey_export_creates_the_same_published_associations(region, name):
    result = import_associations(fixture(name), filename=name)
    assert result.summary() == "created 3, updated 0, unchanged 0, errors 0"
    assert result.unknown_columns == ["Vastaajan tunnus"]
    associations = {a.name: a for a in Association.objects.all()}
    assert {name: snapshot(a) for name, a in associations.items()} == EXPECTED
    for association in associations.values():
        assert association.live
        assert association.source == "import"
        assert association.live_revision == association.latest_revision
        assert not association.has_unpublished_changes


def test_imported_values_are_in_the_form_that_the_admin_stores(region):
    import_associations(fixture("associations_utf8.csv"))
    for association in Association.objects.all():
        before = snapshot(association)
        association.full_clean()
        assert snapshot(association) == before


def test_a_new_association_gets_a_unique_slug(region, savonlinna):
    AssociationFactory(
        name="Mikkelin Martat ry", slug="mikkelin-martat-ry", home_municipality=savonlinna
    )
    import_associations(fixture("associations_utf8.csv"))
    imported = Association.objects.get(business_id="0112038-9")
    assert imported.slug == "mikkelin-martat-ry-2"


def test_a_new_association_has_a_revision_and_history(region, django_user_model):
    user = django_user_model.objects.create_user("editor")
    import_associations(fixture("associations_utf8.csv"), filename="yhes2020.csv", user=user)
    association = Association.objects.get(name="Juvan Eläkeläiset ry")
    revision = association.latest_revision
    assert revision.user == user
    assert revision.as_object().name == "Juvan Eläkeläiset ry"
    assert [m.code for m in revision.as_object().municipalities.all()] == []
    entry = ModelLogEntry.objects.for_instance(association).get()
    assert entry.action == CREATE_ACTION
    assert entry.user == user
    assert entry.revision == revision
    assert entry.message == 'Created and published by importing "yhes2020.csv"'


def test_revisions_hold_the_same_details_as_the_register(region):
    import_associations(fixture("associations.xlsx"))
    for association in Association.objects.all():
        assert snapshot(association.latest_revision.as_object()) == snapshot(association)


def test_reimporting_the_same_file_changes_nothing(region):
    import_associations(fixture("associations_utf8.csv"))
    counts = (Revision.objects.count(), ModelLogEntry.objects.count())
    result = import_associations(fixture("associations_utf8.csv"))
    assert result.summary() == "created 0, updated 0, unchanged 3, errors 0"
    assert (Revision.objects.count(), ModelLogEntry.objects.count()) == counts


def test_reimporting_the_answers_in_another_format_changes_nothing(region):
    import_associations(fixture("associations_cp1252.csv"))
    result = import_associations(fixture("associations.xlsx"))
    assert result.summary() == "created 0, updated 0, unchanged 3, errors 0"


def test_an_exported_listing_imports_back_unchanged(region, client, django_user_model):
    import_associations(fixture("associations_utf8.csv"))
    client.force_login(django_user_model.objects.create_superuser("admin"))
    response = client.get("/admin/snippets/wagtail_yhes/association/", {"export": "xlsx"})
    exported = b"".join(response.streaming_content)
    result = import_associations(exported)
    assert result.summary() == "created 0, updated 0, unchanged 3, errors 0"
    assert result.unknown_columns == ["Tila"]


HEADERS = ["Yhdistyksen nimi", "Y-tunnus", "Kotikunta", "Sähköposti", "Puhelin", "Toiminta-alue"]


@pytest.fixture
def martat(mikkeli, savonlinna):
    association = AssociationFactory(
        name="Mikkelin Martat ry",
        business_id="0112038-9",
        home_municipality=mikkeli,
        email="vanha@martat.fi",
        phone="+358401234567",
        municipalities=[mikkeli, savonlinna],
    )
    association.save_revision().publish()
    return association


def test_an_update_publishes_a_new_revision(martat, django_user_model):
    user = django_user_model.objects.create_user("editor")
    result = import_rows(
        HEADERS,
        [["Mikkelin Martat ry", "0112038-9", "Mikkeli", "uusi@martat.fi", "", ""]],
        user=user,
    )
    assert result.summary() == "created 0, updated 1, unchanged 0, errors 0"
    martat.refresh_from_db()
    assert martat.email == "uusi@martat.fi"
    assert martat.revisions.count() == 2
    assert martat.live_revision == martat.latest_revision
    assert martat.latest_revision.user == user
    assert not martat.has_unpublished_changes


def test_the_history_of_an_update_names_the_file_and_the_fields(martat):
    import_rows(
        HEADERS, [["Mikkelin Martat ry", "0112038-9", "Mikkeli", "uusi@martat.fi", "", "Juva"]]
    )
    entry = ModelLogEntry.objects.for_instance(martat).get(action=UPDATE_ACTION)
    assert entry.revision == Association.objects.get(pk=martat.pk).latest_revision
    assert entry.message == (
        'Published changes to email and area of operation by importing "test.csv"'
    )


def test_an_update_lists_the_fields_that_change(martat):
    result = import_rows(
        HEADERS, [["Mikkelin Martat ry", "0112038-9", "Mikkeli", "uusi@martat.fi", "", "Juva"]]
    )
    assert result.rows[0].changes == [
        ("email", "vanha@martat.fi", "uusi@martat.fi"),
        ("municipalities", "Mikkeli, Savonlinna", "Juva"),
    ]


PERSON_HEADERS = [
    "Yhdistyksen nimi",
    "Y-tunnus",
    "Kotikunta",
    "Yhteyshenkilö",
    "Yhteyshenkilön sähköposti",
    "Yhteyshenkilön tiedot saa julkaista",
]


@pytest.mark.parametrize(
    ("row", "consent"),
    [
        # A new person, the consent left empty or not asked: not published.
        (["Pekka Uusi", "pekka@example.fi", ""], False),
        (["Pekka Uusi", "pekka@example.fi"], False),
        (["Maija Meikäläinen", "uusi@example.fi", ""], False),
        # A new person who consents, and the same person as before.
        (["Pekka Uusi", "pekka@example.fi", "x"], True),
        (["Maija Meikäläinen", "maija@example.fi", ""], True),
    ],
)
def test_a_new_contact_person_is_published_only_with_their_own_consent(martat, row, consent):
    Association.objects.filter(pk=martat.pk).update(
        contact_name="Maija Meikäläinen", contact_email="maija@example.fi", contact_consent=True
    )
    headers = PERSON_HEADERS[: 3 + len(row)]
    import_rows(headers, [["Mikkelin Martat ry", "0112038-9", "Mikkeli", *row]])
    martat.refresh_from_db()
    assert martat.contact_consent is consent


def test_an_update_is_searchable_at_once(martat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_rows(HEADERS, [["Mikkelin Marttayhdistys ry", "0112038-9", "Mikkeli", "", "", ""]])
    assert directory_search("marttayhdistyksen") == ["Mikkelin Marttayhdistys ry"]
    assert [a.name for a in search("Marttayhdistys")] == ["Mikkelin Marttayhdistys ry"]


def test_new_associations_are_searchable_at_once(region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_associations(fixture("associations_utf8.csv"))
    assert directory_search("marttojen") == ["Mikkelin Martat ry"]
    assert [a.name for a in search("Martat")] == ["Mikkelin Martat ry"]
    assert [a.name for a in search("förening")] == ["Nyslotts svenska förening rf"]


def test_the_directory_index_is_written_with_the_data(region, django_capture_on_commit_callbacks):
    """The directory finds the associations in the import's transaction, before any task."""
    with django_capture_on_commit_callbacks(execute=False):
        import_associations(fixture("associations_utf8.csv"))
        assert directory_search("martat") == ["Mikkelin Martat ry"]


def test_the_reference_index_is_the_one_that_wagtail_would_record(
    martat, mikkeli, savonlinna, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_associations(fixture("associations_utf8.csv"))
    with django_capture_on_commit_callbacks(execute=True):
        import_rows(HEADERS, [["Mikkelin Martat ry", "0112038-9", "Savonlinna", "", "", ""]])
    recorded = set(ReferenceIndex.objects.values_list("object_id", "to_object_id", "model_path"))
    assert (str(martat.pk), str(mikkeli.pk), "home_municipality") not in recorded
    for association in Association.objects.all():
        ReferenceIndex.create_or_update_for_object(association)
    rebuilt = set(ReferenceIndex.objects.values_list("object_id", "to_object_id", "model_path"))
    assert recorded == rebuilt
    assert (str(martat.pk), str(savonlinna.pk), "home_municipality") in recorded


def test_empty_cells_keep_the_stored_values(martat):
    result = import_rows(HEADERS, [["Mikkelin Martat ry", "0112038-9", "", "", "", ""]])
    assert result.summary() == "created 0, updated 0, unchanged 1, errors 0"


def test_empty_cells_clear_fields_when_the_editor_asks(martat):
    result = import_rows(
        HEADERS, [["Mikkelin Martat ry", "0112038-9", "", "", "", ""]], clear_empty=True
    )
    assert result.summary() == "created 0, updated 1, unchanged 0, errors 0"
    martat.refresh_from_db()
    assert (martat.email, martat.phone, list(martat.municipalities.all())) == ("", "", [])
    assert martat.home_municipality.name == "Mikkeli"


def test_columns_that_the_file_lacks_are_never_cleared(martat):
    result = import_rows(
        ["Y-tunnus", "Yhdistyksen nimi"], [["0112038-9", "Mikkelin Martat ry"]], clear_empty=True
    )
    assert result.summary() == "created 0, updated 0, unchanged 1, errors 0"


def test_drafts_keep_the_live_version(martat):
    result = import_rows(
        HEADERS,
        [["Mikkelin Martat ry", "0112038-9", "Mikkeli", "uusi@martat.fi", "", ""]],
        publish=False,
    )
    assert result.updated == 1
    martat.refresh_from_db()
    assert martat.email == "vanha@martat.fi"
    assert martat.has_unpublished_changes
    assert martat.latest_revision.as_object().email == "uusi@martat.fi"
    assert martat.live_revision != martat.latest_revision


def test_reimporting_after_a_draft_import_changes_nothing(martat):
    rows = [["Mikkelin Martat ry", "0112038-9", "Mikkeli", "uusi@martat.fi", "", ""]]
    import_rows(HEADERS, rows, publish=False)
    assert import_rows(HEADERS, rows, publish=False).unchanged == 1
    assert import_rows(HEADERS, rows).unchanged == 1


def test_new_associations_can_be_saved_as_drafts(region):
    import_associations(fixture("associations_utf8.csv"), publish=False)
    association = Association.objects.get(name="Mikkelin Martat ry")
    assert not association.live
    assert association.has_unpublished_changes
    assert association.live_revision is None
    assert association.latest_revision is not None
    assert not directory_search("martat")


def test_changes_to_an_association_with_unpublished_changes_stay_a_draft(martat):
    draft = Association.objects.get(pk=martat.pk)
    draft.abbreviation = "Martat"
    draft.save_revision()
    result = import_rows(
        HEADERS, [["Mikkelin Martat ry", "0112038-9", "Mikkeli", "uusi@martat.fi", "", ""]]
    )
    assert result.rows[0].notes == ["Saved as a draft: the association has unpublished changes."]
    martat.refresh_from_db()
    assert martat.email == "vanha@martat.fi"
    latest = martat.latest_revision.as_object()
    assert (latest.email, latest.abbreviation) == ("uusi@martat.fi", "Martat")


def test_changes_to_an_unpublished_association_are_not_published(mikkeli):
    AssociationFactory(
        name="Piilotettu ry", business_id="0112038-9", home_municipality=mikkeli, live=False
    )
    result = import_rows(HEADERS, [["Piilotettu ry", "0112038-9", "Mikkeli", "a@b.fi", "", ""]])
    assert result.rows[0].notes == ["Saved as a draft: the association is not published."]
    assert not Association.objects.get().live


def test_last_verified_does_not_move_back_to_an_older_answer(martat):
    Association.objects.filter(pk=martat.pk).update(last_verified=datetime.date(2024, 5, 1))
    headers = ["Y-tunnus", "Yhdistyksen nimi", "Vastausaika"]
    assert import_rows(headers, [["0112038-9", "Mikkelin Martat ry", "15.6.2020"]]).unchanged == 1
    result = import_rows(headers, [["0112038-9", "Mikkelin Martat ry", "2.1.2025"]])
    assert result.rows[0].changes == [("last_verified", "2024-05-01", "2025-01-02")]


def test_a_locked_association_is_an_error_for_other_users(martat, django_user_model):
    owner = django_user_model.objects.create_user("owner", first_name="Olli", last_name="Omistaja")
    Association.objects.filter(pk=martat.pk).update(locked=True, locked_by=owner)
    rows = [["Mikkelin Martat ry", "0112038-9", "Mikkeli", "uusi@martat.fi", "", ""]]
    result = import_rows(HEADERS, rows)
    assert result.errors == 1
    assert "locked by" in result.rows[0].errors[0].message
    assert import_rows(HEADERS, rows, user=owner).updated == 1


def test_dry_run_writes_nothing(region):
    result = import_associations(fixture("associations_utf8.csv"), dry_run=True)
    assert result.summary() == "created 3, updated 0, unchanged 0, errors 0"
    assert not result.written
    assert not Association.objects.exists()


def test_new_published_associations_send_the_published_signal(region):
    received = []

    def receiver(sender, instance, revision, **kwargs):
        received.append((instance.name, revision.pk))

    published.connect(receiver, sender=Association)
    try:
        import_associations(fixture("associations_utf8.csv"))
    finally:
        published.disconnect(receiver, sender=Association)
    assert sorted(name for name, _revision in received) == sorted(EXPECTED)
    assert all(revision for _name, revision in received)


def test_the_queries_of_an_import_do_not_grow_with_its_rows(region):
    """Writing, signalling and indexing are done in bulk, not once per association."""

    def queries_to_import(count, offset):
        rows = [
            [f"Kylätoimikunta {offset + n} ry", "", "Mikkeli", "", "", "Mikkeli"]
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as queries:
            result = import_rows(HEADERS, rows)
        assert result.created == count
        return len(queries)

    queries_to_import(1, offset=0)  # content types and other caches filled once
    # Rows are written in batches of hundreds: ten times the rows may take a batch more.
    assert queries_to_import(40, offset=100) - queries_to_import(4, offset=10) <= 2
    assert DirectoryEntry.objects.count() == 45


# All or nothing


def state():
    return (
        Association.objects.count(),
        Revision.objects.count(),
        ModelLogEntry.objects.count(),
        ReferenceIndex.objects.count(),
        Association.municipalities.through.objects.count(),
    )


ROW_ERRORS = {
    3: ("1. Yhdistyksen nimi *", "A value is required."),
    4: ("Q3 Y-tunnus:", "check digit"),
    5: ("Postinumero", "five digits"),
    9: ("Kotikunta", 'Unknown municipality "Tampere"'),
    11: ("Toimiala", 'Unknown activity field "Avaruustutkimus"'),
    12: ("Yhteyshenkilön tiedot saa julkaista *", '"Kyllä" or "Ei"'),
    13: ("Vastausaika", '"31.2.2020" is not a date'),
    14: ("Vastausaika", "in the future"),
    15: ("Lyhenne", "at most 50 characters"),
    16: ("Kotikunta", "needs a home municipality"),
}


def test_a_file_with_row_errors_writes_nothing(martat):
    before = state()
    result = import_associations(fixture("associations_errors.csv"))
    assert result.summary() == "created 5, updated 0, unchanged 0, errors 10, warnings 4"
    assert not result.written
    assert state() == before


@pytest.mark.parametrize(("number", "error"), ROW_ERRORS.items())
def test_every_kind_of_row_error_names_its_column_and_reason(region, number, error):
    result = import_associations(fixture("associations_errors.csv"))
    row = next(row for row in result.rows if row.number == number)
    assert row.action == "error"
    column, reason = error
    assert [e.column for e in row.errors] == [column]
    assert reason in row.errors[0].message


ROW_WARNINGS = {
    6: ("Puhelin", "stored as typed", "12345"),
    7: ("Verkkosivut", "http:// or https://", "javascript:alert(1)"),
    8: ("Sähköposti", "valid email", "ei sähköposti"),
    10: ("Toiminta-alue", 'Unknown municipality "Atlantis" is left out', "Mikkeli, Atlantis"),
}


@pytest.mark.parametrize(("number", "warning"), ROW_WARNINGS.items())
def test_a_row_with_only_a_warning_imports_and_the_warning_names_column_and_value(
    region, number, warning
):
    result = import_associations(fixture("associations_errors.csv"))
    row = next(row for row in result.rows if row.number == number)
    assert row.action == "new"
    column, reason, value = warning
    assert [(w.column, w.value) for w in row.warnings] == [(column, value)]
    assert reason in row.warnings[0].message


def test_row_errors_are_in_the_language_of_the_editor(region):
    with translation.override("fi"):
        result = import_associations(fixture("associations_errors.csv"))
    row = next(row for row in result.rows if row.number == 5)
    assert row.errors[0].message == "Postinumerossa on tasan viisi numeroa, esimerkiksi 50100."


def test_a_crash_midway_leaves_the_database_as_before(martat, django_capture_on_commit_callbacks):
    before = state()

    def crash(sender, **kwargs):
        raise RuntimeError("the server went down")

    # The signal is sent after the associations, revisions and log entries are written.
    published.connect(crash, sender=Association)
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            import_associations(fixture("associations_utf8.csv"))
    finally:
        published.disconnect(crash, sender=Association)
    assert state() == before
    assert not search("Eläkeläiset")
    assert not directory_search("eläkeläiset")


# Matching


def test_duplicates_within_the_file_are_reported_not_merged(region):
    result = import_associations(fixture("associations_duplicates.csv"))
    assert result.summary() == "created 2, updated 0, unchanged 0, errors 2"
    errors = {row.number: row.errors[0].message for row in result.error_rows}
    assert errors == {
        4: "The same association is already on row 2.",
        5: "The same association is already on row 3.",
    }
    assert not Association.objects.exists()


def test_two_rows_that_match_the_same_association_are_reported(martat):
    rows = [
        ["Mikkelin Martat ry", "0112038-9", "Mikkeli", "", "", ""],
        ["mikkelin martat", "", "Mikkeli", "", "", ""],
    ]
    # Without a business ID, the second row is matched by its name and municipality, and
    # within the file by the first row, whose name and municipality are the same.
    result = import_rows(HEADERS, rows)
    assert result.rows[1].errors[0].message == "The same association is already on row 2."


def test_rows_that_reach_one_association_by_different_rules_are_reported(martat, mikkeli):
    Association.objects.filter(pk=martat.pk).update(registration_number="123.456")
    headers = ["Yhdistyksen nimi", "Y-tunnus", "Rekisterinumero", "Kotikunta"]
    rows = [["Martat ry", "0112038-9", "", "Juva"], ["Martat Mikkeli ry", "", "123.456", "Juva"]]
    result = import_rows(headers, rows)
    assert result.rows[1].errors[0].message == "Row 2 already updates the same association."


@pytest.mark.parametrize(
    ("row", "matches"),
    [
        (["Ihan eri nimi ry", "0112038-9", "", "Juva"], True),
        (["Ihan eri nimi ry", "", "123.456", "Juva"], True),
        (["MIKKELIN MARTAT R.Y.", "", "", "Mikkeli"], True),
        (["Mikkelin  Martat", "", "", "S:t Michel"], True),
        (["Mikkelin Martat ry", "", "", "Savonlinna"], False),
        (["Mikkelin Martat ry", "1572860-0", "", "Mikkeli"], False),
        (["Mikkelin Martat ry", "", "999.999", "Mikkeli"], False),
    ],
)
def test_rows_match_associations_as_find_existing_does(martat, row, matches):
    Association.objects.filter(pk=martat.pk).update(registration_number="123.456")
    headers = ["Yhdistyksen nimi", "Y-tunnus", "Rekisterinumero", "Kotikunta"]
    result = import_rows(headers, [row], dry_run=True)
    action = result.rows[0].action
    assert action in ("update", "unchanged") if matches else action == "new"
    name, business_id, registration_number, home = row
    expected = find_existing(
        business_id=business_id,
        registration_number=registration_number,
        name=name,
        home_municipality=Municipality.objects.get(name_sv=home)
        if home == "S:t Michel"
        else Municipality.objects.get(name=home),
    )
    assert (expected == martat) is matches


def test_a_possible_duplicate_is_pointed_out(martat):
    result = import_rows(HEADERS, [["Mikkelin Martat ry", "1572860-0", "Mikkeli", "", "", ""]])
    assert result.rows[0].action == "new"
    assert "same name in the same municipality" in result.rows[0].notes[0]


def test_activity_fields_are_compared_as_sets(mikkeli):
    fields = list(ActivityField.objects.filter(slug__in=["harrastukset", "muu-toiminta"]))
    association = AssociationFactory(
        name="Kerho ry", business_id="0112038-9", home_municipality=mikkeli, activity_fields=fields
    )
    association.save_revision().publish()
    result = import_rows(
        ["Y-tunnus", "Yhdistyksen nimi", "Toimiala"],
        [["0112038-9", "Kerho ry", "Muu toiminta, Harrastukset"]],
    )
    assert result.unchanged == 1


def test_a_large_import_is_written_in_chunks_as_one_action(region, monkeypatch):
    from wagtail_yhes.importing import writing

    monkeypatch.setattr(writing, "WRITE_CHUNK_SIZE", 1)
    rows = [["Kylä ry", "", "Juva", "", "", ""], ["Kylä ry", "", "Puumala", "", "", ""]]
    import_rows(HEADERS, rows)
    assert sorted(Association.objects.values_list("slug", flat=True)) == ["kyla-ry", "kyla-ry-2"]
    assert ModelLogEntry.objects.values("uuid").distinct().count() == 1
    assert all(a.latest_revision for a in Association.objects.all())


def test_an_odd_registration_number_is_kept_with_a_warning(region):
    result = import_associations(
        csv_bytes(["Yhdistyksen nimi", "Kotikunta", "Rekisterinumero"], [["A ry", "Juva", "12.a"]])
    )
    (row,) = result.rows
    assert row.action == "new"
    assert [(w.column, w.value) for w in row.warnings] == [("Rekisterinumero", "12.a")]
    assert Association.objects.get().registration_number == "12.a"


def test_an_area_of_only_unknown_municipalities_keeps_the_stored_area(martat):
    result = import_rows(HEADERS, [["Mikkelin Martat ry", "0112038-9", "", "", "", "Atlantis"]])
    assert result.summary() == "created 0, updated 0, unchanged 1, errors 0, warnings 1"
    assert martat.municipalities.count() == 2


def test_an_unassigned_number_too_long_to_store_is_left_out(region):
    number = "0 1 5   9 6 0   6 4 6 3"
    result = import_rows(HEADERS, [["Pitkä numero ry", "", "Juva", "", number, ""]])
    (warning,) = result.rows[0].warnings
    assert warning.message.startswith("Left out:")
    assert Association.objects.get().phone == ""
