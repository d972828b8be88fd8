"""Telling the senders of submissions what the moderators decided."""

from wagtail.signals import workflow_approved, workflow_rejected

from ..models import Association, Submission
from . import emails


def _notify_senders(workflow_state, *, approved):
    if not isinstance(workflow_state.content_object, Association):
        return
    page = emails.default_directory_page()
    if page is None:
        return
    comment = ""
    if not approved and workflow_state.current_task_state is not None:
        comment = workflow_state.current_task_state.specific.get_comment()
    notified = set()
    submissions = (
        Submission.objects.filter(workflow_state=workflow_state)
        .exclude(submitter_email="")
        .select_related("association")
        .order_by("pk")
    )
    for submission in submissions:
        address = submission.submitter_email.lower()
        if address not in notified:
            notified.add(address)
            emails.notify_moderation_result(submission, page, approved=approved, comment=comment)


def notify_approved(sender, instance, **kwargs):
    _notify_senders(instance, approved=True)


def notify_rejected(sender, instance, **kwargs):
    _notify_senders(instance, approved=False)


def register_signal_handlers():
    from .notifications import register_notifiers

    register_notifiers()
    workflow_approved.connect(notify_approved, dispatch_uid="wagtail_yhes_submission_approved")
    workflow_rejected.connect(notify_rejected, dispatch_uid="wagtail_yhes_submission_rejected")
