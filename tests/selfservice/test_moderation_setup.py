"""yhes_load_region sets up the moderation of associations, once."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType

from wagtail_yhes.models import Association, YhesSettings
from wagtail_yhes.selfservice.moderation import (
    MODERATORS_GROUP_NAME,
    WORKFLOW_NAME,
    setup_moderation,
    site_language_name,
)

from ..factories import AssociationFactory

pytestmark = pytest.mark.django_db


def test_setup_creates_the_group_and_the_workflow_of_associations():
    setup_moderation()
    group = Group.objects.get(name=MODERATORS_GROUP_NAME)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_association", "publish_association"} <= codenames
    assert "delete_association" not in codenames
    workflow = Association.get_default_workflow()
    assert workflow.name == site_language_name(WORKFLOW_NAME)
    (task,) = workflow.tasks.specific()
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.all()) == [group]


def test_setup_twice_changes_nothing():
    assert setup_moderation().changed
    assert not setup_moderation().changed
    assert Workflow.objects.filter(name=site_language_name(WORKFLOW_NAME)).count() == 1
    assert Group.objects.filter(name=MODERATORS_GROUP_NAME).count() == 1


def test_setup_keeps_a_workflow_that_editors_chose():
    own = Workflow.objects.create(name="Oma tarkistus")
    WorkflowContentType.objects.create(
        workflow=own, content_type=ContentType.objects.get_for_model(Association)
    )
    setup_moderation()
    assert Association.get_default_workflow() == own


def test_load_region_sets_up_moderation(capsys):
    call_command("yhes_load_region", "etela-savo")
    assert Association.get_default_workflow().name == site_language_name(WORKFLOW_NAME)
    assert "Moderointi" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("language", "workflow_name", "task_name"),
    [
        ("fi", "YhES-moderointi", "YhES-moderaattorien hyväksyntä"),
        ("sv", "YhES-moderering", "YhES-moderatorernas godkännande"),
    ],
)
def test_load_region_names_the_workflow_in_the_site_language(
    settings, language, workflow_name, task_name
):
    settings.LANGUAGE_CODE = language
    call_command("yhes_load_region", "etela-savo", stdout=io.StringIO())
    workflow = Association.get_default_workflow()
    assert workflow.name == workflow_name
    assert [task.name for task in workflow.tasks.all()] == [task_name]


def test_load_region_renames_its_own_workflow_into_the_site_language(settings):
    settings.LANGUAGE_CODE = "en"
    call_command("yhes_load_region", "etela-savo", stdout=io.StringIO())
    settings.LANGUAGE_CODE = "sv"
    output = io.StringIO()
    call_command("yhes_load_region", "etela-savo", stdout=output)
    workflow = Association.get_default_workflow()
    assert workflow.name == "YhES-moderering"
    assert [task.name for task in workflow.tasks.all()] == ["YhES-moderatorernas godkännande"]
    assert Workflow.objects.filter(name__startswith="YhES").count() == 1
    assert "Moderering" in output.getvalue()


def test_load_region_leaves_workflows_that_editors_named(settings):
    own = Workflow.objects.create(name="Oma tarkistus")
    call_command("yhes_load_region", "etela-savo", stdout=io.StringIO())
    own.refresh_from_db()
    assert own.name == "Oma tarkistus"


def test_anonymous_user_cannot_start_a_workflow_so_submissions_pass_none(mikkeli):
    setup_moderation()
    association = AssociationFactory(home_municipality=mikkeli, live=False)
    association.save_revision()
    workflow = Association.get_default_workflow()
    with pytest.raises((ValueError, TypeError)):
        workflow.start(association, user=AnonymousUser())
    state = workflow.start(association, user=None)
    assert state.requested_by is None


def test_moderators_addresses_are_validated(directory):
    settings = YhesSettings.for_site(directory.get_site())
    settings.moderator_emails = "yhes@esavo.fi\nei-osoite"
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "ei-osoite" in str(error.value)
    settings.moderator_emails = "yhes@esavo.fi, neuvonta@esavo.fi"
    settings.full_clean()
    assert settings.moderator_addresses == ["yhes@esavo.fi", "neuvonta@esavo.fi"]
