from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import Association
from .selfservice.admin_views import erase_contact_button
from .selfservice.log_actions import register_log_actions
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


@hooks.register("register_snippet_listing_buttons")
def register_erase_contact_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Association):
        url_name = Association.snippet_viewset.get_url_name("erase_contact")
        button = erase_contact_button(snippet, user, url_name)
        if button is not None:
            yield button
