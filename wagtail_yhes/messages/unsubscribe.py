"""Unsubscribing from the council's messages: the page of the link, and one-click POSTs.

A GET shows a button, so that a mail server or a link checker that opens the link does
not unsubscribe anyone; a POST unsubscribes. The token is what authorises the POST, so
it needs no CSRF token: mail programs send it without one (RFC 8058), and
``middleware.OneClickUnsubscribeMiddleware`` lets it past Django's CSRF check.
"""

from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from ..conf import get_setting
from ..models import Message, Unsubscription
from ..selfservice.emails import update_url
from .tokens import read_unsubscribe_token


def unsubscribe(association, message_id=None):
    """Stop the council's messages to ``association``; False if they had stopped already."""
    message = Message.objects.filter(pk=message_id).first() if message_id else None
    try:
        with transaction.atomic():
            Unsubscription.objects.create(association=association, message=message)
    except IntegrityError:
        return False
    return True


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, "base_template": get_setting("BASE_TEMPLATE"), **context}
    response = TemplateResponse(
        request, f"wagtail_yhes/messages/public/{template}", context, status=status
    )
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    # The address is the association's own link: it must not travel to other sites.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@csrf_exempt
def unsubscribe_view(request, page, token):
    """The page of an unsubscribe link: a confirm button, and the POST that unsubscribes."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    association, message_id = read_unsubscribe_token(token)
    if association is None:
        return _render(request, page, "unsubscribe_invalid.html", {}, status=404)
    context = {"association": association}
    if request.method == "POST":
        unsubscribe(association, message_id)
        if association.live:
            context["update_url"] = update_url(page, association, request)
        return _render(request, page, "unsubscribe_done.html", context)
    context["unsubscribed"] = Unsubscription.objects.filter(association=association).exists()
    return _render(request, page, "unsubscribe.html", context)
