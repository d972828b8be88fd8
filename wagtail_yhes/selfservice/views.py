"""The self-service pages below a directory page: submit, ask for a link, update.

The directory page's routes call these views. Every response is private and never
stored by caches, and the pages are kept out of search engines.
"""

import re

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from ..models import Association, YhesSettings
from ..models.associations import SLUG_PATTERN
from . import actions, once, ratelimit
from .forms import ConfirmDetailsForm, RequestUpdateLinkForm, SubmitForm, UpdateForm
from .moderation import pending_version
from .tokens import link_max_age, read_update_token

ALLOWED_METHODS = ("GET", "HEAD", "POST")

RATE_LIMIT_ERROR = _(
    "The form has been sent too many times from your network. Nothing was saved. "
    "Please try again in an hour."
)


def _private(response, *, referrer=True):
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    if not referrer:
        # The address holds an update link; it must not travel to other sites. Not
        # "no-referrer": with it, browsers send the page's own forms with "Origin: null",
        # which Django's CSRF protection refuses.
        response.headers["Referrer-Policy"] = "same-origin"
    return response


def _render(request, page, template, context=None, *, status=200, referrer=True):
    site_settings = YhesSettings.for_request(request)
    context = {
        "page": page,
        "self": page,
        "base_template": get_setting("BASE_TEMPLATE"),
        "privacy_notice_page": site_settings.privacy_notice_page,
        **(context or {}),
    }
    response = TemplateResponse(
        request, f"wagtail_yhes/selfservice/{template}", context, status=status
    )
    return _private(response, referrer=referrer)


def _redirect(request, page, route, query):
    url = page.get_url(request) + page.reverse_subpage(route) + "?" + query
    return _private(HttpResponseRedirect(url))


def _refuse_over_limit(request, scope, form):
    """Count a valid form; if it is over the limit, add the error to ``form`` and say so.

    Only a form that would be acted on is counted: a person who corrects one mistake
    after another, or many people behind one address, are not locked out by errors.
    """
    if ratelimit.request_over_limit(request, scope):
        form.add_error(None, ValidationError(RATE_LIMIT_ERROR, code="rate_limited"))
        form.renew_stamp()
        return True
    return False


def _act_once(sending, action):
    """Run ``action`` for a claimed ``sending``; if it fails, the sending is forgotten."""
    try:
        return action()
    except BaseException:
        sending.release()
        raise


def submit_view(request, page):
    """``submit/``: a new association sends its details for moderation."""
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    if request.method != "POST" and request.GET.get("sent"):
        return _render(request, page, "submit_done.html")

    status = 200
    if request.method == "POST":
        sending = once.Sending(request, "submit")
        if sending.earlier_outcome():
            return _redirect(request, page, "submit", "sent=1")
        form = SubmitForm(request.POST)
        if form.is_valid():
            if _refuse_over_limit(request, "submit", form):
                status = 429
            else:
                if sending.claim("sent=1"):
                    _act_once(
                        sending,
                        lambda: actions.submit_association(form, page=page, request=request),
                    )
                return _redirect(request, page, "submit", "sent=1")
    else:
        form = SubmitForm()
    return _render(request, page, "submit.html", {"form": form}, status=status)


_SLUG = re.compile(SLUG_PATTERN)


def _named_association(request):
    """The published association that the visitor came from, named by its slug."""
    slug = (request.POST if request.method == "POST" else request.GET).get("association", "")
    # Only what an association's address can hold: PostgreSQL refuses a NUL outright.
    if len(slug) > 255 or not _SLUG.fullmatch(slug):
        return None
    return Association.objects.filter(live=True, slug=slug).first()


def request_update_view(request, page):
    """``update/``: ask for an update link; the answer never tells whether it was sent."""
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    if request.method != "POST":
        for outcome in ("sent", "updated", "confirmed"):
            if request.GET.get(outcome):
                return _render(
                    request,
                    page,
                    "request_update_done.html" if outcome == "sent" else "update_done.html",
                    {"outcome": outcome, "link_max_age_days": link_max_age().days},
                )

    association = _named_association(request)
    status = 200
    if request.method == "POST":
        sending = once.Sending(request, "request_update")
        if sending.earlier_outcome():
            return _redirect(request, page, "request_update", "sent=1")
        form = RequestUpdateLinkForm(request.POST)
        if form.is_valid():
            if _refuse_over_limit(request, "request_update", form):
                status = 429
            else:
                if sending.claim("sent=1"):
                    _act_once(
                        sending,
                        lambda: actions.send_update_links(
                            form, page=page, request=request, only=association
                        ),
                    )
                return _redirect(request, page, "request_update", "sent=1")
    else:
        form = RequestUpdateLinkForm(initial={"association": association and association.slug})
    return _render(
        request,
        page,
        "request_update.html",
        {"form": form, "association": association, "link_max_age_days": link_max_age().days},
        status=status,
    )


def _invalid_link(request, page):
    return _render(
        request,
        page,
        "invalid_link.html",
        {"link_max_age_days": link_max_age().days},
        status=410,
        referrer=False,
    )


def update_view(request, page, token):
    """``update/<token>/``: change or confirm the details with an emailed link.

    Opening the link (GET) changes nothing, since mail scanners open links too; only
    sending one of its forms (POST) uses it up.
    """
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    sending = once.Sending(request, "update") if request.method == "POST" else None
    # The same form sent again: the link is used, by this very sending.
    if sending is not None and (outcome := sending.earlier_outcome()):
        return _redirect(request, page, "request_update", outcome)
    association = read_update_token(token)
    if association is None:
        return _invalid_link(request, page)
    # A form that failed validation has written its values onto the instance: the page
    # names the association as it is published.
    association_name = association.name
    # An update made while an earlier one waits for moderation starts from the waiting
    # one, so that approving the later one does not undo the earlier.
    pending = pending_version(association)
    form = UpdateForm(instance=pending)
    confirm_form = ConfirmDetailsForm(prefix="confirm")
    status = 200
    if request.method == "POST":
        confirming = request.POST.get("action") == "confirm"
        if confirming:
            confirm_form = ConfirmDetailsForm(request.POST, prefix="confirm")
        else:
            form = UpdateForm(request.POST, instance=pending)
        posted = confirm_form if confirming else form
        if posted.is_valid():
            outcome = "confirmed=1" if confirming else "updated=1"
            if _refuse_over_limit(request, "update", posted):
                status = 429
            elif not sending.claim(outcome):
                return _redirect(
                    request, page, "request_update", sending.earlier_outcome() or outcome
                )
            else:
                try:
                    _act_once(
                        sending,
                        lambda: (
                            actions.confirm_details(association, link=token)
                            if confirming
                            else actions.submit_update(form, page=page, request=request, link=token)
                        ),
                    )
                except actions.LinkUsed:
                    return _invalid_link(request, page)
                return _redirect(request, page, "request_update", outcome)
    return _render(
        request,
        page,
        "update.html",
        {"form": form, "confirm_form": confirm_form, "association_name": association_name},
        status=status,
        referrer=False,
    )
