"""A draft before sending: who it would go to, how it looks, and a test to the editor."""

from django.core.paginator import Paginator
from django.utils.translation import gettext

from ..selfservice.emails import default_directory_page
from .composing import build_email
from .recipients import RecipientChoice, choose_recipients

RECIPIENTS_PER_PAGE = 100


def describe_choice(filters):
    """The filters of a message as names, for the admin to show."""
    return RecipientChoice.from_filters(filters)


def preview_parts(email):
    """``(text, html)`` of a built email."""
    html = next((content for content, kind in email.alternatives if kind == "text/html"), "")
    return email.body, html


def show_recipients(message, page_number):
    """The context of a draft's page: its recipients, page by page, and a preview."""
    recipients = choose_recipients(RecipientChoice.from_filters(message.filters))
    page = Paginator(recipients, RECIPIENTS_PER_PAGE).get_page(page_number)
    context = {
        "choice": describe_choice(message.filters),
        "recipient_count": len(recipients),
        "association_count": len({r.association.pk for r in recipients}),
        "page_obj": page,
        "recipients": page.object_list,
        "directory_page": default_directory_page(),
    }
    if recipients and context["directory_page"]:
        email = build_email(message, recipients[0], context["directory_page"], test=True)
        context["preview_subject"] = email.subject
        context["preview_text"], context["preview_html"] = preview_parts(email)
        context["preview_recipient"] = recipients[0]
    return context


def send_test(message, user):
    """Send the message to ``user`` as its first recipient would get it.

    Returns ``(sent, text for the editor)``.
    """
    if not user.email:
        return False, gettext("Your user account has no email address.")
    page = default_directory_page()
    if page is None:
        return False, gettext("Publish a directory page first: the messages link to it.")
    recipients = choose_recipients(RecipientChoice.from_filters(message.filters))
    if not recipients:
        return False, gettext("No association matches the filters.")
    email = build_email(message, recipients[0], page, to=user.email, test=True)
    email.subject = gettext("[Test] %(subject)s") % {"subject": email.subject}
    try:
        email.send()
    except Exception as error:
        return False, gettext("The test could not be sent: %(error)s") % {"error": error}
    return True, gettext("A test was sent to %(email)s.") % {"email": user.email}
