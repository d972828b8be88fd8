"""The moderation workflow of associations: who moderates, and handing changes over to them."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    GroupApprovalTask,
    Workflow,
    WorkflowContentType,
    WorkflowState,
    WorkflowTask,
)

from ..models import Association, Submission

#: The name of the moderators' group. It stays the same in every language: the site
#: settings and the documentation name it, and emails find the moderators by it.
MODERATORS_GROUP_NAME = "YhES moderators"
#: The names of the workflow and its task, created in the site's language.
WORKFLOW_NAME = _("YhES moderation")
TASK_NAME = _("YhES moderators' approval")

# Moderators edit, publish and lock associations; deleting one stays with the site's
# editors.
MODERATOR_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "wagtail_yhes": [
        "add_association",
        "change_association",
        "publish_association",
        "lock_association",
        "unlock_association",
        "view_association",
    ],
}


@dataclass
class ModerationSetup:
    """What ``setup_moderation`` did."""

    group_created: bool = False
    workflow_created: bool = False
    assigned: bool = False
    renamed: bool = False

    @property
    def changed(self):
        return self.group_created or self.workflow_created or self.assigned or self.renamed


def site_language_name(name):
    """``name`` in the site's language (``LANGUAGE_CODE``)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(name)


def known_names(name):
    """``name`` in the source language and in every language of the site.

    A workflow or task that the setup made in another language, or before its names were
    translated, is still recognised as its own by any of these.
    """
    codes = {"en", settings.LANGUAGE_CODE, *(code for code, _label in settings.LANGUAGES)}
    names = set()
    for code in codes:
        with translation.override(code):
            names.add(str(name))
    return names


def _rename(instance, name):
    if instance.name == name:
        return False
    instance.name = name
    instance.save(update_fields=["name"])
    return True


def _moderators_group(result):
    group, result.group_created = Group.objects.get_or_create(name=MODERATORS_GROUP_NAME)
    if result.group_created:
        for app_label, codenames in MODERATOR_PERMISSIONS.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
    return group


def _moderation_workflow(group, result):
    """The package's own workflow, created or renamed into the site's language."""
    workflow_name = site_language_name(WORKFLOW_NAME)
    task_name = site_language_name(TASK_NAME)
    workflow = Workflow.objects.filter(name__in=known_names(WORKFLOW_NAME)).order_by("pk").first()
    if workflow is None:
        result.workflow_created = True
        workflow = Workflow.objects.create(name=workflow_name)
        task = GroupApprovalTask.objects.create(name=task_name)
        task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        return workflow
    result.renamed = _rename(workflow, workflow_name)
    for task in workflow.tasks.filter(name__in=known_names(TASK_NAME)):
        result.renamed = _rename(task, task_name) or result.renamed
    return workflow


@transaction.atomic
def setup_moderation():
    """Create the moderators' group and the moderation workflow of associations.

    The group "YhES moderators" gets the permissions to moderate associations; the
    workflow "YhES moderation" (named in the site's language) has one group approval
    task for it and is assigned to associations unless another workflow already is.
    Running it again only renames the workflow and its task into the site's language;
    what editors have changed since (members, other workflows) stays as it is.
    """
    result = ModerationSetup()
    group = _moderators_group(result)
    workflow = _moderation_workflow(group, result)
    content_type = ContentType.objects.get_for_model(Association, for_concrete_model=False)
    if not WorkflowContentType.objects.filter(content_type=content_type).exists():
        WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
        result.assigned = True
    return result


def pending_version(association):
    """The association as the moderators have it before them, or as published.

    While a workflow is in progress, its latest revision holds the changes that wait for
    approval: a further update starts from it, so that it keeps the earlier changes.
    """
    state = association.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        revision = association.get_latest_revision()
        if revision is not None:
            return revision.as_object()
    return association


def send_to_moderation(association, submission):
    """Put the association's latest revision before the moderators.

    A workflow already under way is restarted on the new revision, so that the task, its
    preview and its comparison show what approval will publish, and an approval given
    for the earlier revision is refused instead of publishing changes nobody saw. The
    earlier senders of an in-progress workflow follow it: their changes are in the new
    revision. Those of a workflow that moderators sent back are not, so that they are
    not told about a decision on someone else's changes. The sender is anonymous: the
    workflow records no user, and the submission holds the sender's address instead.
    Without a workflow the revision waits as a draft for an editor to publish.
    """
    previous = association.current_workflow_state
    carried_over = previous is not None and previous.status == WorkflowState.STATUS_IN_PROGRESS
    if previous is not None:
        previous.cancel(user=None)
    workflow = association.get_workflow()
    state = workflow.start(association, user=None) if workflow is not None else None
    if state is None:
        return None
    if carried_over:
        Submission.objects.filter(workflow_state=previous).update(workflow_state=state)
    Submission.objects.filter(pk=submission.pk).update(workflow_state=state)
    submission.workflow_state = state
    return state
