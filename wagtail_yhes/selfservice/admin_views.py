"""Admin views of the self-service features: erasing an association's contact person."""

from django.contrib.admin.utils import quote, unquote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button

from .privacy import CONTACT_FIELDS, erase_contact_person


def has_contact_person(association):
    """True when the live row or any revision of the association names a contact person."""
    if any(getattr(association, field) for field in CONTACT_FIELDS):
        return True
    return any(
        content.get(field)
        for content in association.revisions.values_list("content", flat=True)
        for field in CONTACT_FIELDS
    )


def erase_contact_button(association, user, url_name, *, check_revisions=False, priority=60):
    """The "Erase contact person" button, or ``None`` if there is nothing for the user to do.

    Listings look at the live row only, to stay fast; the edit view also looks at the
    revisions, so that a contact person of a draft can be erased too.
    """
    if not user.has_perm("wagtail_yhes.change_association"):
        return None
    if check_revisions:
        if not has_contact_person(association):
            return None
    elif not any(getattr(association, field) for field in CONTACT_FIELDS):
        return None
    return Button(
        _("Erase contact person"),
        url=reverse(url_name, args=[quote(association.pk)]),
        icon_name="bin",
        priority=priority,
    )


class EraseContactPersonView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks for confirmation, then removes the contact person from every copy of the data."""

    model = None
    permission_required = "change"
    edit_url_name = None
    erase_contact_url_name = None
    page_title = _("Erase contact person")
    template_name = "wagtail_yhes/admin/confirm_erase_contact.html"

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=unquote(str(pk)))

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return []

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            has_contact_person=has_contact_person(self.object),
            erase_url=reverse(self.erase_contact_url_name, args=[quote(self.object.pk)]),
            edit_url=self.get_edit_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        erase_contact_person(self.object, user=request.user)
        messages.success(
            request,
            _("The contact person of “%(name)s” was erased.") % {"name": self.object},
        )
        return redirect(self.get_edit_url())
