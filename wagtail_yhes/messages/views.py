"""The admin's messages: the archive, writing a message, and sending it (Järjestöt → Viestit).

Every view needs the permission ``wagtail_yhes.send_message``. Sending runs in the
background (``tasks.py``); the message's page shows how far it has got.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from ..models import Message, Unsubscription
from ..models import MessageRecipient as Row
from ..selfservice.emails import default_directory_page
from . import sending
from .composing import body_parts
from .forms import MessageForm
from .preview import describe_choice, send_test, show_recipients
from .tasks import enqueue_sending

PERMISSION = "wagtail_yhes.send_message"
TITLE = _("Messages")
ROWS_PER_PAGE = 100
URLS = "wagtail_yhes_messages"


def may_send(user):
    """Whether ``user`` may write and send messages to associations."""
    return user.has_perm(PERMISSION)


class MessagesMenuItem(MenuItem):
    """ "Viestit" in the "Associations" menu, for users who may send messages."""

    def is_shown(self, request):
        return may_send(request.user)


class MessagesViewMixin(WagtailAdminTemplateMixin):
    """Lets in only users who may send messages; breadcrumbs under "Messages"."""

    header_icon = "mail"
    page_title = TITLE

    def dispatch(self, request, *args, **kwargs):
        if not may_send(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse(f"{URLS}:index"), "label": TITLE}]


class MessageMixin(MessagesViewMixin):
    """Views of one message."""

    def dispatch(self, request, *args, **kwargs):
        self.message = get_object_or_404(Message, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.message.subject

    def back(self):
        return redirect(f"{URLS}:detail", self.message.pk)


class MessageIndexView(MessagesViewMixin, TemplateView):
    """The archive: every message, newest first, with how many got it and how many failed."""

    template_name = "wagtail_yhes/messages/admin/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        archive = (
            Message.objects.select_related("created_by", "sent_by")
            .annotate(
                recipient_count=Count("recipients"),
                sent_count=Count("recipients", filter=Q(recipients__status=Row.Status.SENT)),
                failed_count=Count("recipients", filter=Q(recipients__status=Row.Status.FAILED)),
            )
            .order_by("-created_at", "-pk")
        )
        page = Paginator(archive, 50).get_page(self.request.GET.get("p"))
        return {**context, "page_obj": page, "archive": page.object_list}


class MessageFormView(MessagesViewMixin, FormView):
    """Write a new message, or change a draft; saving shows its recipients and a preview."""

    template_name = "wagtail_yhes/messages/admin/form.html"
    form_class = MessageForm
    message = None

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.message = get_object_or_404(Message, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.message.subject if self.message else _("New message")

    def get(self, request, *args, **kwargs):
        if self.message and self.message.status != Message.Status.DRAFT:
            return redirect(f"{URLS}:detail", self.message.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.message and self.message.status != Message.Status.DRAFT:
            messages.warning(request, _("The message has been sent; it can no longer be changed."))
            return redirect(f"{URLS}:detail", self.message.pk)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.message}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "message": self.message, "media": context["form"].media}

    def form_valid(self, form):
        if form.instance.created_by_id is None:
            form.instance.created_by = self.request.user
        message = form.save()
        return redirect(f"{URLS}:detail", message.pk)


class MessageDetailView(MessageMixin, TemplateView):
    """A message: its recipients and preview as a draft, its progress and archive once sent."""

    template_name = "wagtail_yhes/messages/admin/detail.html"

    @cached_property
    def refresh_seconds(self):
        return 3 if self.message.status == Message.Status.SENDING else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.message
        if message.status == Message.Status.SENDING:
            sending.finish_if_done(message)
            message.refresh_from_db()
        context.update(
            message=message,
            refresh_seconds=self.refresh_seconds,
            stalled=sending.is_stalled(message),
        )
        if message.status == Message.Status.DRAFT:
            context.update(show_recipients(message, self.request.GET.get("p")))
        else:
            context.update(self.archive_context(message))
        return context

    def archive_context(self, message):
        counts = message.counts()
        total = sum(counts.values())
        done = total - counts[Row.Status.PENDING] - counts[Row.Status.SENDING]
        rows = message.recipients.all()
        shown = self.request.GET.get("status", "")
        if shown in Row.Status.values:
            rows = rows.filter(status=shown)
        page = Paginator(rows, ROWS_PER_PAGE).get_page(self.request.GET.get("p"))
        return {
            "counts": counts,
            "total": total,
            "done": done,
            "percent": round(100 * done / total) if total else 100,
            "statuses": [(s.value, s.label, counts[s.value]) for s in Row.Status],
            "shown_status": shown,
            "page_obj": page,
            "rows": page.object_list,
            "unsubscriptions": Unsubscription.objects.filter(
                association__in=message.recipients.values("association"),
                created_at__gte=message.sent_at,
            ).select_related("association"),
            "choice": describe_choice(message.filters),
            "body_text": body_parts(message)[0],
        }


class MessageTestView(MessageMixin, View):
    """ "Send a test to myself": the message as its first recipient gets it, to the editor."""

    def post(self, request, *args, **kwargs):
        ok, text = send_test(self.message, request.user)
        (messages.success if ok else messages.error)(request, text)
        return self.back()


class MessageSendView(MessageMixin, View):
    """Start sending a draft in the background; a second press changes nothing."""

    def post(self, request, *args, **kwargs):
        if default_directory_page() is None:
            messages.error(request, _("Publish a directory page first: the messages link to it."))
            return self.back()
        if sending.start_sending(self.message, request.user, enqueue_sending):
            messages.success(request, _("Sending has started."))
        else:
            messages.warning(request, _("The message has already been sent."))
        return self.back()


class MessageResendView(MessageMixin, View):
    """Send again to the recipients whose email failed."""

    def post(self, request, *args, **kwargs):
        count = sending.resend_failed(self.message, enqueue_sending)
        text = ngettext(
            "Sending again to %(count)s recipient.",
            "Sending again to %(count)s recipients.",
            count,
        ) % {"count": count}
        messages.success(request, text)
        return self.back()


class MessageResumeView(MessageMixin, View):
    """Continue sending a message whose task was lost; a message still being sent is left."""

    def post(self, request, *args, **kwargs):
        if sending.resume(self.message, enqueue_sending):
            messages.success(request, _("Sending continues."))
        return self.back()


class MessageCopyView(MessageMixin, View):
    """A new draft with the message's filters and text, to write the next one."""

    def post(self, request, *args, **kwargs):
        message = self.message
        copy = Message.objects.create(
            subject=message.subject,
            body_format=message.body_format,
            body_text=message.body_text,
            body_rich=message.body_rich,
            filters=message.filters,
            created_by=request.user,
        )
        messages.success(request, _("The message was copied into a new draft."))
        return redirect(f"{URLS}:edit", copy.pk)


class MessageViewSet(ViewSet):
    """The admin's messages to associations, under "Järjestöt" → "Viestit"."""

    name = URLS
    url_prefix = "yhes-messages"
    icon = "mail"
    menu_label = TITLE
    menu_name = "yhes-messages"

    menu_item_class = MessagesMenuItem

    def get_urlpatterns(self):
        return [
            path("", MessageIndexView.as_view(), name="index"),
            path("new/", MessageFormView.as_view(), name="add"),
            path("<int:pk>/", MessageDetailView.as_view(), name="detail"),
            path("<int:pk>/edit/", MessageFormView.as_view(), name="edit"),
            path("<int:pk>/test/", MessageTestView.as_view(), name="test"),
            path("<int:pk>/send/", MessageSendView.as_view(), name="send"),
            path("<int:pk>/resend/", MessageResendView.as_view(), name="resend"),
            path("<int:pk>/resume/", MessageResumeView.as_view(), name="resume"),
            path("<int:pk>/copy/", MessageCopyView.as_view(), name="copy"),
        ]
