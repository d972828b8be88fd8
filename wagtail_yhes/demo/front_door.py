"""The example site's home page: what the demo is, and the way to each of its parts."""

from django.urls import NoReverseMatch, reverse

from ..conf import get_setting
from ..models import DirectoryPage, VoicePage


def _first_live(model):
    return model.objects.live().order_by("path").first()


def front_door_context(request):
    """The addresses of the demo's parts, found in the page tree as it is now.

    Every part is optional: one that the site lacks is left out of the page.
    """
    voice_page = _first_live(VoicePage)
    directory = _first_live(DirectoryPage)
    context = {
        "base_template": get_setting("BASE_TEMPLATE"),
        "voice_page": voice_page,
        "directory_page": directory,
    }
    if directory is not None:
        directory_url = directory.get_url(request)
        context.update(
            directory_url=directory_url,
            submit_url=directory_url + directory.reverse_subpage("submit"),
            request_update_url=directory_url + directory.reverse_subpage("request_update"),
            open_data_url=directory_url + "?format=json",
        )
    try:
        context["admin_url"] = reverse("wagtailadmin_home")
    except NoReverseMatch:
        context["admin_url"] = None
    return context
