from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .importing import urls as import_urls
from .importing.apply import CREATE_ACTION, UPDATE_ACTION
from .importing.log_actions import ImportCreateFormatter, ImportUpdateFormatter
from .importing.views import IMPORT_TITLE, ImportMenuItem
from .messages.views import MessageViewSet
from .models import Association
from .selfservice.admin_views import erase_contact_button
from .selfservice.log_actions import register_log_actions
from .selfservice.review import add_review_panel
from .views import MENU_HOOK, ActivityFieldAdmin, AssociationsMenuGroup, MunicipalityAdmin

register_snippet(AssociationsMenuGroup)

municipality_admin = MunicipalityAdmin()
municipality_admin.register_with_wagtail()
activity_field_admin = ActivityFieldAdmin()
activity_field_admin.register_with_wagtail()


@hooks.register(MENU_HOOK)
def register_municipalities_menu_item():
    return municipality_admin.get_menu_item(order=10)


@hooks.register(MENU_HOOK)
def register_activity_fields_menu_item():
    return activity_field_admin.get_menu_item(order=11)


hooks.register("register_log_actions", register_log_actions)
hooks.register("construct_homepage_panels", add_review_panel)


@hooks.register("register_snippet_listing_buttons")
def register_erase_contact_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Association):
        url_name = Association.snippet_viewset.get_url_name("erase_contact")
        button = erase_contact_button(snippet, user, url_name)
        if button is not None:
            yield button


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("yhes-import/", include(import_urls))]


@hooks.register(MENU_HOOK)
def register_import_menu_item():
    return ImportMenuItem(
        IMPORT_TITLE,
        reverse("wagtail_yhes_import:index"),
        name="yhes-import",
        icon_name="upload",
        order=5,
    )


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action(CREATE_ACTION)(ImportCreateFormatter)
    actions.register_action(UPDATE_ACTION)(ImportUpdateFormatter)


message_viewset = MessageViewSet()


@hooks.register("register_admin_viewset")
def register_message_viewset():
    return message_viewset


@hooks.register(MENU_HOOK)
def register_messages_menu_item():
    return message_viewset.get_menu_item(order=20)


@hooks.register("register_permissions")
def register_message_permissions():
    return Permission.objects.filter(
        content_type__app_label="wagtail_yhes", codename="send_message"
    )
