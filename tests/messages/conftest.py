"""Fixtures of the messages' tests: an SMTP server, a directory page, recipients, an editor."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Site

from wagtail_yhes.models import ActivityField, DirectoryPage, Message, Municipality

from ..factories import AssociationFactory
from .smtp import start_server


@pytest.fixture
def mailbox(settings):
    """A real SMTP server that Django's SMTP backend sends to; what it received."""
    controller, mailbox = start_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "neuvottelukunta@esavo.fi"
    yield mailbox
    controller.stop()


@pytest.fixture
def directory(region):
    """A published directory page at /yhdistykset/."""
    root = Site.objects.get(is_default_site=True).root_page
    page = DirectoryPage(title="Yhdistykset", slug="yhdistykset")
    root.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def juva(region):
    return Municipality.objects.get(code="178")


@pytest.fixture
def social_and_health(region):
    return ActivityField.objects.get(slug="sosiaali-ja-terveys")


@pytest.fixture
def juva_associations(juva, social_and_health, mikkeli):
    """Three social and health associations of Juva, one of Mikkeli, one of Juva's culture."""
    culture = ActivityField.objects.get(slug="kulttuuri-ja-taide")

    def make(name, email, home, fields, **kwargs):
        return AssociationFactory(
            name=name, email=email, home_municipality=home, activity_fields=fields, **kwargs
        )

    return {
        "mll": make(
            "MLL Juvan yhdistys ry",
            "mll@juva.example",
            juva,
            [social_and_health],
            contact_name="Maija Meikäläinen",
            contact_email="maija@juva.example",
            contact_consent=True,
        ),
        "sydän": make("Juvan Sydänyhdistys ry", "sydan@juva.example", juva, [social_and_health]),
        "omaishoitajat": make(
            "Juvan Omaishoitajat ry",
            "omaiset@juva.example",
            mikkeli,
            [social_and_health],
            municipalities=[juva],
        ),
        "mikkeli": make(
            "Mikkelin Sydänyhdistys ry", "sydan@mikkeli.example", mikkeli, [social_and_health]
        ),
        "kuoro": make("Juvan Kuoro ry", "kuoro@juva.example", juva, [culture]),
    }


@pytest.fixture
def juva_filters(juva, social_and_health):
    return {"municipalities": [juva.slug], "activity_fields": [social_and_health.slug]}


@pytest.fixture
def draft(juva_filters):
    """A plain-text draft to Juva's social and health associations."""
    return Message.objects.create(
        subject="Kutsu kuulemiseen: {nimi}",
        body_text="Hei {nimi}!\n\nTervetuloa kuulemiseen, katso https://esavo.fi/kuuleminen\n\n"
        "Tarkista tietonne: {päivityslinkki}",
        filters=juva_filters,
    )


@pytest.fixture
def editor(django_user_model):
    """An admin user with the permission to send messages, and nothing else of them."""
    user = django_user_model.objects.create_user(
        username="viestija", email="viestija@esavo.fi", password="salasana"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="send_message"),
    )
    return user


@pytest.fixture
def moderation(db):
    """The "YhES moderation" workflow, assigned to associations."""
    from wagtail_yhes.selfservice.moderation import setup_moderation

    setup_moderation()
