"""The emails of the self-service forms: plain text, one subject and one body template each.

Every value that a visitor typed can end up in an email, so no header is built from such
text without removing its line breaks, and addresses come only from validated fields.
"""

import logging
import re
from contextlib import nullcontext

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.utils import get_admin_base_url

from ..models import YhesSettings
from .moderation import MODERATORS_GROUP_NAME
from .tokens import link_max_age, make_update_token

logger = logging.getLogger(__name__)

_LINE_BREAK_RE = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
ADMIN_URLS = "wagtailsnippets_wagtail_yhes_association"


def single_line(value):
    """``value`` as one line: line breaks and runs of white space become single spaces."""
    return " ".join(_LINE_BREAK_RE.sub(" ", str(value)).split())


def _addresses(values):
    return [value for value in values if value and not _LINE_BREAK_RE.search(value)]


def send_email(template_name, context, to, *, reply_to=(), connection=None, language=None):
    """Render ``wagtail_yhes/emails/<template_name>[_subject].txt`` and send the message.

    Returns whether it was sent. A mail server that fails is logged, never raised: the
    visitor's submission is saved already and must not turn into an error page.
    """
    recipients = _addresses(to)
    if not recipients:
        return False
    with translation.override(language) if language else nullcontext():
        subject = single_line(
            render_to_string(f"wagtail_yhes/emails/{template_name}_subject.txt", context)
        )
        body = render_to_string(f"wagtail_yhes/emails/{template_name}.txt", context).strip()
    message = EmailMessage(
        subject, body + "\n", to=recipients, reply_to=_addresses(reply_to), connection=connection
    )
    try:
        message.send()
    except Exception:
        logger.exception("Email %s could not be sent", template_name)
        return False
    return True


def site_name(page, request=None):
    """The name of the page's site, for greetings and subjects."""
    site = page.get_site()
    return (site and site.site_name) or getattr(settings, "WAGTAIL_SITE_NAME", "")


def update_url(page, association, request=None):
    """The full address of a fresh update link of ``association``."""
    token = make_update_token(association)
    return page.get_full_url(request) + page.reverse_subpage("update", kwargs={"token": token})


def admin_url(request, viewname, *args):
    """A full address in the Wagtail admin, for emails that moderators read."""
    path = reverse(viewname, args=[quote(arg) for arg in args])
    base = get_admin_base_url()
    if base:
        return base.rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


def review_links(association, task_state, request=None):
    """Full admin addresses to review ``task_state``'s revision of ``association``.

    The comparison ("Show changes") and the preview show the revision of the task,
    which is the one that approval publishes.
    """
    links = {"edit_url": admin_url(request, f"{ADMIN_URLS}:edit", association.pk)}
    if task_state is not None:
        links["preview_url"] = admin_url(
            request, f"{ADMIN_URLS}:workflow_preview", association.pk, task_state.task_id
        )
        if association.live and task_state.revision_id:
            links["compare_url"] = admin_url(
                request,
                f"{ADMIN_URLS}:revisions_compare",
                association.pk,
                "live",
                task_state.revision_id,
            )
    return links


def moderator_addresses(page, request=None):
    """The site's moderator addresses, or those of the "YhES moderators" group's members."""
    site = page.get_site()
    configured = YhesSettings.for_site(site).moderator_addresses if site else []
    if configured:
        return configured
    return list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP_NAME, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _base_context(page, request=None):
    return {
        "site_name": site_name(page, request),
        "page": page,
        "directory_url": page.get_full_url(request),
    }


def notify_submitter(submission, page, request):
    """Confirm a new association's submission to the address that its sender gave.

    The message names the association but repeats none of the other text that was sent:
    the form must not become a way to mail any text to any address.
    """
    context = {**_base_context(page, request), "association": submission.association}
    return send_email("submission_received", context, [submission.submitter_email])


def notify_moderators(submission, page, request):
    """Tell the moderators that a submission waits for them, with links to review it."""
    association = submission.association
    state = submission.workflow_state
    context = {
        **_base_context(page, request),
        "submission": submission,
        "association": association,
        "duplicate_url": submission.duplicate_of_id
        and admin_url(request, f"{ADMIN_URLS}:edit", submission.duplicate_of_id),
        **review_links(association, state and state.current_task_state, request),
    }
    return send_email(
        "moderation_requested",
        context,
        moderator_addresses(page, request),
        reply_to=[submission.submitter_email],
        language=settings.LANGUAGE_CODE,
    )


def send_update_link(association, page, request):
    """Email an update link to the address that the association has on record."""
    context = {
        **_base_context(page, request),
        "association": association,
        "update_url": update_url(page, association, request),
        "valid_until": timezone.localdate() + link_max_age(),
    }
    return send_email("update_link", context, [association.email])


def notify_update_received(submission, page, request):
    """Confirm an update to the association's address on record."""
    context = {**_base_context(page, request), "association": submission.association}
    return send_email("update_received", context, [submission.submitter_email])


def send_reminder(association, page, connection=None):
    """Ask an association to check its details, with a fresh update link."""
    context = {
        **_base_context(page),
        "association": association,
        "update_url": update_url(page, association),
        "valid_until": timezone.localdate() + link_max_age(),
    }
    return send_email(
        "reminder",
        context,
        [association.email],
        connection=connection,
        language=settings.LANGUAGE_CODE,
    )


def notify_moderation_result(submission, page, *, approved, comment=""):
    """Tell the sender of a submission whether the moderators published it."""
    context = {
        **_base_context(page),
        "association": submission.association,
        "submission": submission,
        "association_url": page.get_full_url() + f"{submission.association.slug}/",
        "comment": comment,
    }
    return send_email(
        "submission_approved" if approved else "submission_rejected",
        context,
        [submission.submitter_email],
        language=settings.LANGUAGE_CODE,
    )


def default_directory_page():
    """The published directory page that emails sent outside a request link to."""
    from ..models import DirectoryPage

    return DirectoryPage.objects.live().order_by("path").first()
