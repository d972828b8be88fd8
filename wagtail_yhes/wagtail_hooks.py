from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .importing.apply import CREATE_ACTION, UPDATE_ACTION
from .importing.log_actions import ImportCreateFormatter, ImportUpdateFormatter
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


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action(CREATE_ACTION)(ImportCreateFormatter)
    actions.register_action(UPDATE_ACTION)(ImportUpdateFormatter)
