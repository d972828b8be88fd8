"""Editors keep associations and liaisons in the Wagtail admin."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data

from wagtail_yhes.models import Association, Liaison

from .factories import ActivityFieldFactory, AssociationFactory, LiaisonFactory

pytestmark = pytest.mark.django_db

ASSOCIATION_URLS = "wagtailsnippets_wagtail_yhes_association"
LIAISON_URLS = "wagtailsnippets_wagtail_yhes_liaison"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return user


def association_form(mikkeli, **overrides):
    data = {
        "name": "Mikkelin Eläkeläiset ry",
        "abbreviation": "",
        "slug": "",
        "description": "Kerhoja ja retkiä.",
        "home_municipality": mikkeli.pk,
        "municipalities": [mikkeli.pk],
        "activity_fields": [],
        "email": "info@mikkelinelakelaiset.fi",
        "phone": "040 123 4567",
        "website": "mikkelinelakelaiset.fi",
        "street_address": "Porrassalmenkatu 1",
        "postal_code": "50100",
        "post_office": "Mikkeli",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "business_id": "0112038-9",
        "registration_number": "123.456",
        "last_verified": "",
        "source": "admin",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_publishes_an_association_with_normalised_details(client, editor, mikkeli):
    response = client.post(
        reverse(f"{ASSOCIATION_URLS}:add"),
        {**association_form(mikkeli), "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    association = Association.objects.get()
    assert association.live
    assert association.phone == "+358401234567"
    assert association.website == "https://mikkelinelakelaiset.fi"
    assert association.slug == "mikkelin-elakelaiset-ry"
    assert association.revisions.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("business_id", "0112038-8"),
        ("postal_code", "5010"),
        ("phone", "12345"),
        ("website", "javascript:alert(1)"),
        ("email", "ei sähköposti"),
    ],
)
def test_invalid_detail_gives_a_field_error_and_saves_nothing(
    client, editor, mikkeli, field, value
):
    response = client.post(
        reverse(f"{ASSOCIATION_URLS}:add"),
        {**association_form(mikkeli, **{field: value}), "action-publish": "action-publish"},
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Association.objects.exists()


def test_field_errors_are_in_finnish(client, editor, mikkeli):
    with translation.override("fi"):
        response = client.post(
            reverse(f"{ASSOCIATION_URLS}:add"),
            {**association_form(mikkeli, postal_code="5010"), "action-publish": "action-publish"},
            HTTP_ACCEPT_LANGUAGE="fi",
        )
    errors = response.context["form"].errors["postal_code"]
    assert errors == ["Postinumerossa on tasan viisi numeroa, esimerkiksi 50100."]


def test_saving_a_draft_keeps_the_live_version(client, editor, mikkeli):
    association = AssociationFactory(name="Alkuperäinen ry", home_municipality=mikkeli)
    association.save_revision().publish()
    client.post(
        reverse(f"{ASSOCIATION_URLS}:edit", args=[association.pk]),
        association_form(mikkeli, name="Muutettu ry", slug=association.slug),
    )
    association.refresh_from_db()
    assert association.name == "Alkuperäinen ry"
    assert association.has_unpublished_changes
    assert association.latest_revision.as_object().name == "Muutettu ry"
    assert association.revisions.count() == 2


def test_editor_locks_an_association(client, editor, mikkeli):
    association = AssociationFactory(home_municipality=mikkeli)
    response = client.post(reverse(f"{ASSOCIATION_URLS}:lock", args=[association.pk]))
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.locked
    assert association.locked_by == editor


def test_listing_filters_by_home_municipality_and_status(client, editor, mikkeli, savonlinna):
    AssociationFactory(name="Mikkelin Martat ry", home_municipality=mikkeli)
    AssociationFactory(name="Savonlinnan Martat ry", home_municipality=savonlinna)
    AssociationFactory(name="Savonlinnan Luonnos ry", home_municipality=savonlinna, live=False)
    url = reverse(f"{ASSOCIATION_URLS}:list")
    response = client.get(url, {"home_municipality": savonlinna.pk, "live": "true"})
    names = [a.name for a in response.context["object_list"]]
    assert names == ["Savonlinnan Martat ry"]


def test_listing_filters_what_waits_for_publishing(client, editor, mikkeli):
    AssociationFactory(name="Julkaistu ry", home_municipality=mikkeli)
    AssociationFactory(
        name="Uusi luonnos ry", home_municipality=mikkeli, live=False, has_unpublished_changes=True
    )
    changed = AssociationFactory(name="Muutettu ry", home_municipality=mikkeli)
    changed.name = "Muutettu uudelleen ry"
    changed.save_revision()
    url = reverse(f"{ASSOCIATION_URLS}:list")
    response = client.get(url, {"live": "changes"})
    names = sorted(a.name for a in response.context["object_list"])
    assert names == ["Muutettu ry", "Uusi luonnos ry"]


def test_listing_filters_by_activity_field(client, editor, mikkeli):
    sports = ActivityFieldFactory(name="Liikunta")
    AssociationFactory(name="Urheilijat ry", home_municipality=mikkeli, activity_fields=[sports])
    AssociationFactory(name="Martat ry", home_municipality=mikkeli)
    response = client.get(reverse(f"{ASSOCIATION_URLS}:list"), {"activity_fields": sports.pk})
    assert [a.name for a in response.context["object_list"]] == ["Urheilijat ry"]


def test_listing_filters_by_verification_age(client, editor, mikkeli):
    import datetime

    today = datetime.date.today()
    AssociationFactory(name="Tuore ry", home_municipality=mikkeli, last_verified=today)
    AssociationFactory(
        name="Vanha ry",
        home_municipality=mikkeli,
        last_verified=today - datetime.timedelta(days=800),
    )
    AssociationFactory(name="Vahvistamaton ry", home_municipality=mikkeli)
    url = reverse(f"{ASSOCIATION_URLS}:list")
    names = lambda params: [a.name for a in client.get(url, params).context["object_list"]]  # noqa: E731
    assert names({"verification_age": "1y"}) == ["Tuore ry"]
    assert names({"verification_age": "over2y"}) == ["Vanha ry"]
    assert names({"verification_age": "never"}) == ["Vahvistamaton ry"]


@pytest.mark.parametrize(
    "query",
    [
        "Eläkeläiset",
        "eläkeläiset",
        "MLL",
        "0112038-9",
        "Mikkeli",
        "eläkeläisille mikkelissä",
        "mikkeli eläkeläiset",
        "S:t Michel",
        "elakelais",
    ],
)
def test_admin_search_finds_associations(client, editor, mikkeli, savonlinna, query):
    AssociationFactory(
        name="Mikkelin Eläkeläiset ry",
        abbreviation="MLL Mikkeli",
        business_id="0112038-9",
        home_municipality=mikkeli,
    )
    AssociationFactory(name="Savonlinnan Partiolaiset ry", home_municipality=savonlinna)
    response = client.get(reverse(f"{ASSOCIATION_URLS}:list"), {"q": query})
    assert response.status_code == 200
    assert [a.name for a in response.context["object_list"]] == ["Mikkelin Eläkeläiset ry"]


def test_listing_exports_csv_with_finnish_import_headers(client, editor, mikkeli):
    AssociationFactory(
        name="Mikkelin Eläkeläiset ry", home_municipality=mikkeli, municipalities=[mikkeli]
    )
    response = client.get(reverse(f"{ASSOCIATION_URLS}:list"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    # As Excel in Finland opens it: UTF-8 with a byte order mark, ";" between values.
    assert content.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Yhdistyksen nimi", "Lyhenne", "Y-tunnus"]
    assert "Toiminta-alue" in rows[0]
    assert rows[1][0] == "Mikkelin Eläkeläiset ry"
    assert rows[1][rows[0].index("Toiminta-alue")] == "Mikkeli"


def test_listing_exports_xlsx(client, editor, mikkeli):
    from openpyxl import load_workbook

    AssociationFactory(name="Juvan Martat ry", home_municipality=mikkeli)
    response = client.get(reverse(f"{ASSOCIATION_URLS}:list"), {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet["A1"].value == "Yhdistyksen nimi"
    assert sheet["A2"].value == "Juvan Martat ry"


@pytest.mark.parametrize("parameter", ["home_municipality", "municipalities", "activity_fields"])
def test_listing_filter_of_an_id_of_nothing_is_ignored(client, editor, mikkeli, parameter):
    AssociationFactory(name="Juvan Martat ry", home_municipality=mikkeli)
    for value in (str(2**63), "9" * 40, "999"):
        response = client.get(reverse(f"{ASSOCIATION_URLS}:list"), {parameter: value})
        assert response.status_code == 200
    response = client.get(reverse(f"{LIAISON_URLS}:list"), {"municipality": str(2**63)})
    assert response.status_code == 200


def test_listing_exports_are_safe_to_open_and_import_back(client, editor, mikkeli):
    from openpyxl import load_workbook

    from wagtail_yhes.importing.tables import clean_text

    AssociationFactory(
        name='=HYPERLINK("http://x")', description="- kerho\x0bkuoro", home_municipality=mikkeli
    )
    url = reverse(f"{ASSOCIATION_URLS}:list")
    content = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(content), delimiter=";"))
    csv_row = dict(zip(header, row, strict=True))
    assert csv_row["Yhdistyksen nimi"] == '\'=HYPERLINK("http://x")'
    assert csv_row["Kuvaus"] == "'- kerho\x0bkuoro"
    response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = list(sheet.iter_rows(values_only=True))
    xlsx_row = dict(zip(header, row, strict=True))
    assert xlsx_row["Yhdistyksen nimi"] == '\'=HYPERLINK("http://x")'
    assert xlsx_row["Kuvaus"] == "'- kerho kuoro"
    # Imported back, the text is as it was.
    assert clean_text(csv_row["Yhdistyksen nimi"]) == '=HYPERLINK("http://x")'
    assert clean_text(xlsx_row["Kuvaus"]) == "- kerho kuoro"


def test_liaisons_listing_filters_and_searches(client, editor, mikkeli, savonlinna):
    LiaisonFactory(name="Minna Mikkeliläinen", municipality=mikkeli)
    LiaisonFactory(name="Seija Hytönen", municipality=savonlinna, role="hyvinvointikoordinaattori")
    url = reverse(f"{LIAISON_URLS}:list")
    filtered = client.get(url, {"municipality": savonlinna.pk}).context["object_list"]
    assert [liaison.name for liaison in filtered] == ["Seija Hytönen"]
    searched = client.get(url, {"q": "koordinaattori"}).context["object_list"]
    assert [liaison.name for liaison in searched] == ["Seija Hytönen"]


def test_editor_adds_a_liaison(client, editor, mikkeli):
    response = client.post(
        reverse(f"{LIAISON_URLS}:add"),
        {
            "name": "Minna Laurio",
            "municipality": mikkeli.pk,
            "role": "",
            "email": "minna.laurio@enonkoski.fi",
            "phone": "044 123 4567",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    assert Liaison.objects.get().phone == "+358441234567"


def test_menu_groups_everything_under_one_item_in_finnish(client, editor):
    with translation.override("fi"):
        response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="fi")
    content = response.content.decode()
    # The sidebar is rendered from JSON, where non-ASCII letters are escaped.
    assert json.dumps({"name": "wagtail-yhes", "label": "Järjestöt"})[1:-1] in content
    for url in (
        reverse(f"{ASSOCIATION_URLS}:list"),
        reverse(f"{LIAISON_URLS}:list"),
        "/admin/wagtail_yhes/municipality/",
        "/admin/wagtail_yhes/activityfield/",
    ):
        assert url in content


def test_municipalities_are_kept_with_modeladmin(client, editor, region):
    response = client.get("/admin/wagtail_yhes/municipality/")
    assert response.status_code == 200
    assert "Savonlinna" in response.content.decode()


def test_user_without_permission_cannot_open_associations(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse(f"{ASSOCIATION_URLS}:list"))
    assert response.status_code in (302, 403)


def test_association_created_in_bulk_without_revisions_opens_for_editing(client, editor, mikkeli):
    association = AssociationFactory(home_municipality=mikkeli)
    assert association.latest_revision is None
    response = client.get(reverse(f"{ASSOCIATION_URLS}:edit", args=[association.pk]))
    assert response.status_code == 200


def test_editor_previews_an_unsaved_change(client, editor, mikkeli):
    association = AssociationFactory(name="Esikatseltava ry", home_municipality=mikkeli)
    preview_url = reverse(f"{ASSOCIATION_URLS}:preview_on_edit", args=[association.pk])
    form = association_form(mikkeli, name="Esikatseltu nimi ry", slug=association.slug)
    assert client.post(preview_url, form).json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Esikatseltu nimi ry" in response.content.decode()
    association.refresh_from_db()
    assert association.name == "Esikatseltava ry"


def test_admin_search_finds_drafts_by_the_directory_analysis(client, editor, savonlinna):
    AssociationFactory(name="Savonlinnan Hiihtoseura ry", home_municipality=savonlinna, live=False)
    response = client.get(reverse(f"{ASSOCIATION_URLS}:list"), {"q": "hiihtoseura savonlinnassa"})
    assert [a.name for a in response.context["object_list"]] == ["Savonlinnan Hiihtoseura ry"]


def test_admin_search_that_finds_nothing_says_so_in_the_language_of_the_admin(client, editor):
    response = client.get(
        reverse(f"{ASSOCIATION_URLS}:list"), {"q": "xyzzy"}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert "Hakua vastaavia yhdistyksiä ei löytynyt." in response.content.decode()


def test_listing_filter_with_an_id_beyond_any_database_is_no_error(client, editor, mikkeli):
    AssociationFactory(name="Mikkelin Kuoro ry", home_municipality=mikkeli)
    url = reverse(f"{ASSOCIATION_URLS}:list")
    response = client.get(url, {"municipalities": "9" * 30})
    assert response.status_code == 200
