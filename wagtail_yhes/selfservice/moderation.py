"""The "YhES moderation" workflow: who moderates, and handing a submission over to them."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    Workflow,
    WorkflowContentType,
    WorkflowState,
    WorkflowTask,
)

from ..models import Association, Submission

#: Names of what ``setup_moderation`` creates. They are data, not interface text: they
#: stay the same in every language so that running the setup again finds them.
MODERATORS_GROUP_NAME = "YhES moderators"
WORKFLOW_NAME = "YhES moderation"
TASK_NAME = "YhES moderators' approval"

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
    group_created: bool = False
    workflow_created: bool = False
    assigned: bool = False

    @property
    def changed(self):
        return self.group_created or self.workflow_created or self.assigned


@transaction.atomic
def setup_moderation():
    """Create the moderators' group and the moderation workflow of associations.

    The group "YhES moderators" gets the permissions to moderate associations; the
    workflow "YhES moderation" has one group approval task for it and is assigned to
    associations unless another workflow already is. Running it again changes nothing,
    and what editors have changed since (members, other workflows) stays as it is.
    """
    result = ModerationSetup()
    group, result.group_created = Group.objects.get_or_create(name=MODERATORS_GROUP_NAME)
    if result.group_created:
        for app_label, codenames in MODERATOR_PERMISSIONS.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        result.workflow_created = True
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    content_type = ContentType.objects.get_for_model(Association, for_concrete_model=False)
    if not WorkflowContentType.objects.filter(content_type=content_type).exists():
        WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)
        result.assigned = True
    return result


def send_to_moderation(association, submission):
    """Put the association's latest revision before the moderators.

    A workflow already in progress covers the new revision too, since approving publishes
    the latest revision. One that moderators sent back is cancelled and a new one started,
    so that the earlier sender is not told about a decision on someone else's changes.
    The sender is anonymous: the workflow records no user, and the submission holds the
    sender's address instead. Without a workflow the revision waits as a draft for an
    editor to publish.
    """
    state = association.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.cancel(user=None)
        state = None
    if state is None:
        workflow = association.get_workflow()
        if workflow is not None:
            state = workflow.start(association, user=None)
    if state is not None:
        Submission.objects.filter(pk=submission.pk).update(workflow_state=state)
        submission.workflow_state = state
    return state
