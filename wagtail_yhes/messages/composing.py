"""A message as an email to one recipient: placeholders filled, text and HTML parts.

Every email has the association's own unsubscribe link (also in the ``List-Unsubscribe``
headers of RFC 8058, for mail programs' one-click button) and its update link.
"""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, linebreaks, urlize
from wagtail.rich_text import expand_db_html

from ..models import Message
from ..selfservice.emails import single_line, site_name, update_url
from .plain_text import html_to_text
from .tokens import unsubscribe_url

#: What an editor writes in a message, and what each recipient's copy says instead.
NAME_PLACEHOLDER = "{nimi}"
UPDATE_LINK_PLACEHOLDER = "{päivityslinkki}"


def fill(text, values):
    """``text`` with every placeholder replaced by its value."""
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def body_parts(message):
    """The body as ``(text, html)`` before the placeholders are filled."""
    if message.body_format == Message.BodyFormat.RICH:
        html = expand_db_html(message.body_rich)
        return html_to_text(html), html
    text = message.body_text.strip()
    return text, linebreaks(urlize(text, autoescape=True), autoescape=False)


def build_email(message, recipient, page, *, to=None, test=False, parts=None):
    """The email of ``message`` to ``recipient`` (a ``recipients.Recipient``).

    ``to`` sends it elsewhere (a test to the editor): a test has no unsubscribe headers,
    so that a mail program's button does not unsubscribe the association of the sample.
    ``parts`` are the message's ``body_parts``, when they were made already.
    """
    association = recipient.association
    links = {
        "update_url": update_url(page, association),
        "unsubscribe_url": unsubscribe_url(page, association, None if test else message),
    }
    values = {NAME_PLACEHOLDER: association.name, UPDATE_LINK_PLACEHOLDER: links["update_url"]}
    html_values = {
        NAME_PLACEHOLDER: escape(association.name),
        UPDATE_LINK_PLACEHOLDER: format_html('<a href="{0}">{0}</a>', links["update_url"]),
    }
    text, html = parts or body_parts(message)
    context = {
        **links,
        "association": association,
        "site_name": site_name(page),
        "body_text": fill(text, values),
        "body_html": fill(html, html_values),
    }
    email = EmailMultiAlternatives(
        single_line(fill(message.subject, values)),
        render_to_string("wagtail_yhes/emails/council_message.txt", context).strip() + "\n",
        to=[to or recipient.email],
    )
    email.attach_alternative(
        render_to_string("wagtail_yhes/emails/council_message.html", context), "text/html"
    )
    if not test:
        email.extra_headers.update(
            {
                "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        )
    return email
