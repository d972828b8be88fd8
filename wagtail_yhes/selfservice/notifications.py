"""Wagtail's workflow notifications about associations, in the package's own words.

Wagtail's notification texts about snippets are missing from its Finnish and Swedish
catalogues, and its preview link of a snippet lacks the site's address. For associations
the package's templates (``wagtail_yhes/notifications/``) are used instead, with full
links to the preview, the edit view and the comparison of the live version with the
revision that approval publishes. Every other object keeps Wagtail's own templates.
"""

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from ..models import Association
from .emails import review_links

TEMPLATE_DIRECTORY = "wagtail_yhes/notifications/"


class AssociationNotificationMixin:
    """Use the package's templates and links when the notification is about an association."""

    def association_of(self, instance):
        workflow_state = instance if isinstance(instance, WorkflowState) else None
        if workflow_state is None:
            workflow_state = instance.workflow_state
        content = workflow_state.content_object
        return content if isinstance(content, Association) else None

    def task_state_of(self, instance):
        if isinstance(instance, WorkflowState):
            return instance.current_task_state
        return instance

    def get_template_set(self, instance, **kwargs):
        template_set = super().get_template_set(instance, **kwargs)
        if self.association_of(instance) is None:
            return template_set
        return {
            kind: path.replace(self.template_directory, TEMPLATE_DIRECTORY, 1)
            for kind, path in template_set.items()
        }

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        association = self.association_of(instance)
        if association is not None:
            context.update(review_links(association, self.task_state_of(instance)))
        return context


class TaskSubmissionNotifier(
    AssociationNotificationMixin, GroupApprovalTaskStateSubmissionEmailNotifier
):
    """Tells moderators that a revision waits for their approval."""

    def can_handle(self, instance, **kwargs):
        if not super().can_handle(instance, **kwargs):
            return False
        # Changes sent through the public forms start the workflow without a user; the
        # package's own email tells the moderators of them, with the sender's details.
        return not (
            self.association_of(instance) is not None
            and instance.workflow_state.requested_by_id is None
        )


class WorkflowSubmissionNotifier(
    AssociationNotificationMixin, WorkflowStateSubmissionEmailNotifier
):
    """Tells the editor who started a workflow that it started."""


class WorkflowApprovalNotifier(AssociationNotificationMixin, WorkflowStateApprovalEmailNotifier):
    """Tells the editor who started a workflow that it was approved."""


class WorkflowRejectionNotifier(AssociationNotificationMixin, WorkflowStateRejectionEmailNotifier):
    """Tells the editor who started a workflow that changes were asked for."""


# Wagtail's own notifiers, by the signal, sender and ``dispatch_uid`` it connects them with.
WAGTAIL_NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
]
# Signals hold their receivers weakly: the notifiers live here, as long as the process.
NOTIFIERS = [
    TaskSubmissionNotifier(),
    WorkflowSubmissionNotifier(),
    WorkflowApprovalNotifier(),
    WorkflowRejectionNotifier(),
]


def register_notifiers():
    """Put the package's notifiers in the place of Wagtail's.

    They are connected under Wagtail's own ``dispatch_uid``: whichever app is ready first,
    one notification is sent for each event, never two.
    """
    for (signal, sender, dispatch_uid), notifier in zip(WAGTAIL_NOTIFIERS, NOTIFIERS, strict=True):
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)
