"""What the public forms do once their input is valid."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..matching import find_existing
from ..messages.subscription import set_subscribed
from ..models import Association, Submission, SubmissionKind
from ..models.associations import AssociationSource
from . import emails, ratelimit
from .moderation import send_to_moderation
from .privacy import withdraw_consent
from .tokens import read_update_token

# At most this many associations get a link from one request: one address can serve
# several associations, but not the whole register.
MAX_LINKS_PER_REQUEST = 5


def find_duplicate(cleaned_data, exclude_pk=None):
    """Return an association that these details may duplicate, drafts included.

    Each rule of ``matching.find_existing`` is tried on its own, so that a new business
    ID does not hide a name that is already registered in the same municipality.
    """
    candidates = Association.objects.all()
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    for criteria in (
        {"business_id": cleaned_data.get("business_id")},
        {"registration_number": cleaned_data.get("registration_number")},
        {
            "name": cleaned_data.get("name"),
            "home_municipality": cleaned_data.get("home_municipality"),
        },
    ):
        if all(criteria.values()):
            duplicate = find_existing(queryset=candidates, **criteria)
            if duplicate is not None:
                return duplicate
    return None


def _log_submission(association, submission, revision):
    data = {"submission": {"id": submission.pk, "kind": submission.kind}}
    if submission.duplicate_of_id:
        data["duplicate_of"] = {
            "id": submission.duplicate_of_id,
            "title": str(submission.duplicate_of),
        }
    log(association, "wagtail_yhes.submit", data=data, revision=revision)


def submit_association(form, *, page, request):
    """Save a new association as a draft for moderation; return its ``Submission``.

    The association is not published: it waits in the moderation workflow, flagged when
    it may be one that the register already has.
    """
    duplicate = find_duplicate(form.cleaned_data)
    with transaction.atomic():
        association = form.save(commit=False)
        association.live = False
        association.has_unpublished_changes = True
        association.source = AssociationSource.SUBMISSION
        association.last_verified = timezone.localdate()
        form.save_m2m()
        association.save()
        revision = association.save_revision(log_action="wagtail.create")
        submission = Submission.objects.create(
            association=association,
            kind=SubmissionKind.NEW,
            revision=revision,
            submitter_email=form.cleaned_data["submitter_email"],
            duplicate_of=duplicate,
        )
        _log_submission(association, submission, revision)
        send_to_moderation(association, submission)
    emails.notify_moderators(submission, page, request)
    emails.notify_submitter(submission, page, request)
    return submission


class LinkUsed(Exception):
    """The update link was used by another request before this one could use it."""


def _use_link(link):
    """Check ``link`` again, holding the association's row until the transaction ends."""
    if link is not None and read_update_token(link, lock=True) is None:
        raise LinkUsed


def submit_update(form, *, page, request, link=None):
    """Save an association's changes as a new revision for moderation.

    The live entry stays as it is until a moderator approves, with one exception: a
    withdrawn consent hides the contact person at once. ``link``, the update link that
    the form came with, is used up: ``LinkUsed`` if another request used it first.
    """
    association = form.instance
    live = Association.objects.get(pk=association.pk)
    withdrawn = live.public_contact_person and not (
        form.cleaned_data.get("contact_consent") and form.cleaned_data.get("contact_name")
    )
    with transaction.atomic():
        _use_link(link)
        association = form.save(commit=False)
        form.save_m2m()
        set_subscribed(association, form.cleaned_data.get("receive_messages", True))
        # Sending the form confirms the details, as of the day they were sent.
        association.last_verified = timezone.localdate()
        revision = association.save_revision(log_action=True)
        submission = Submission.objects.create(
            association=association,
            kind=SubmissionKind.UPDATE,
            revision=revision,
            # Only the address on record receives links, so it is the sender's.
            submitter_email=live.email,
            duplicate_of=find_duplicate(form.cleaned_data, exclude_pk=association.pk),
        )
        _log_submission(association, submission, revision)
        if withdrawn:
            withdraw_consent(association)
        send_to_moderation(association, submission)
    emails.notify_moderators(submission, page, request)
    emails.notify_update_received(submission, page, request)
    return submission


def confirm_details(association, *, link=None):
    """Record that the association's published details are still correct.

    Nothing in the details changes, so there is nothing to moderate: the confirmation
    date of the live entry is set to today. ``link`` is used up as in ``submit_update``.
    """
    with transaction.atomic():
        _use_link(link)
        association.last_verified = timezone.localdate()
        association.save(update_fields=["last_verified"])
        submission = Submission.objects.create(
            association=association,
            kind=SubmissionKind.CONFIRMATION,
            submitter_email=association.email,
        )
        log(association, "wagtail_yhes.confirm")
    return submission


def send_update_links(form, *, page, request, only=None):
    """Email update links to the associations that the form's identifier names.

    Links go only to an association's own address on record, whatever address was typed,
    and to at most ``MAX_LINKS_PER_REQUEST`` associations; with ``only``, to that one
    association if the identifier is its own. Returns how many were sent; the visitor is
    never told.
    """
    kind, value = form.cleaned_data["identifier"]
    associations = Association.objects.filter(live=True).exclude(email="")
    if kind == "email":
        associations = associations.filter(email__iexact=value)
    else:
        associations = associations.filter(business_id=value)
    if only is not None:
        associations = associations.filter(pk=only.pk)
    sent = 0
    for association in associations.order_by("pk")[:MAX_LINKS_PER_REQUEST]:
        # However many addresses ask, one association gets only so many links.
        if ratelimit.hit("update_link", f"association:{association.pk}"):
            continue
        if emails.send_update_link(association, page, request):
            sent += 1
    return sent
