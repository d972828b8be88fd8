"""Showing moderators what approval would change: "Show changes" in the admin.

Every association in moderation gets a link to Wagtail's own comparison of the live
version with the revision of its moderation task, which is the revision that approval
publishes: in the status side panel of its edit view and in the dashboard's list of
associations that wait for the user's review.
"""

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState, WorkflowState
from wagtail.snippets.side_panels import SnippetStatusSidePanel

from ..models import Association
from .emails import ADMIN_URLS

CHANGES_STATUS_TEMPLATE = "wagtail_yhes/admin/status_changes.html"


def task_changes_url(association, task_state):
    """The comparison of the live version with ``task_state``'s revision, or ``None``.

    A new association has no live version to compare with: its preview shows it whole.
    """
    if not association.live or task_state is None or not task_state.revision_id:
        return None
    return reverse(
        f"{ADMIN_URLS}:revisions_compare",
        args=[quote(association.pk), "live", task_state.revision_id],
    )


def changes_url(association):
    """ "Show changes" of the association's moderation in progress, or ``None``."""
    state = association.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    return task_changes_url(association, state.current_task_state)


class AssociationStatusSidePanel(SnippetStatusSidePanel):
    """The status side panel of an association, with "Show changes" while in moderation."""

    @classmethod
    def from_panel(cls, panel):
        """This panel in the place of Wagtail's ``panel``, with the same information."""
        return cls(
            panel.object,
            panel.request,
            show_schedule_publishing_toggle=panel.show_schedule_publishing_toggle,
            live_object=panel.live_object,
            scheduled_object=panel.scheduled_object,
            locale=panel.locale,
            translations=panel.translations,
            usage_url=panel.usage_url,
            history_url=panel.history_url,
            last_updated_info=panel.last_updated_info,
        )

    def get_context_data(self, parent_context):
        self.changes_url = changes_url(self.object) if self.object.pk else None
        context = super().get_context_data(parent_context)
        context["changes_url"] = self.changes_url
        return context

    def get_status_templates(self, context):
        templates = super().get_status_templates(context)
        if self.changes_url:
            templates.insert(1, CHANGES_STATUS_TEMPLATE)
        return templates


class AssociationsToReviewPanel(Component):
    """The dashboard's list of associations whose moderation task waits for the user."""

    name = "wagtail_yhes_associations_to_review"
    template_name = "wagtail_yhes/admin/associations_to_review.html"
    order = 210

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        content_type = ContentType.objects.get_for_model(Association)
        states = (
            TaskState.objects.reviewable_by(request.user)
            .filter(
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__base_content_type=content_type,
            )
            .select_related("task", "workflow_state")
            .order_by("-started_at")
        )
        associations = Association.objects.in_bulk(
            [state.workflow_state.object_id for state in states]
        )
        tasks = []
        for state in states:
            association = associations.get(int(state.workflow_state.object_id))
            if association is not None:
                tasks.append(self.task_links(association, state))
        return {"tasks": tasks, "request": request}

    def task_links(self, association, state):
        pk = quote(association.pk)
        return {
            "association": association,
            "task_state": state,
            "edit_url": reverse(f"{ADMIN_URLS}:edit", args=[pk]),
            "preview_url": reverse(f"{ADMIN_URLS}:workflow_preview", args=[pk, state.task_id]),
            "changes_url": task_changes_url(association, state),
        }


def add_review_panel(request, panels):
    """``construct_homepage_panels`` hook: the associations that wait for the user."""
    panels.append(AssociationsToReviewPanel())
