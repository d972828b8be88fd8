"""One-click unsubscribing (RFC 8058) past Django's CSRF check."""

import re

from wagtail.models import Page
from wagtail.views import serve

#: The end of an unsubscribe link's path.
UNSUBSCRIBE_PATH = re.compile(r"/unsubscribe/[-\w]+/$")


class OneClickUnsubscribeMiddleware:
    """Lets the one-click unsubscribe POSTs of mail programs past Django's CSRF check.

    Put it before ``django.middleware.csrf.CsrfViewMiddleware``. Only a POST that
    Wagtail routes to a directory page's unsubscribe link is served here; every other
    request goes on as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or view_func is not serve:
            return None
        if not UNSUBSCRIBE_PATH.search(request.path_info):
            return None
        from ..models import DirectoryPage

        path = view_args[0] if view_args else view_kwargs.get("path", "")
        route = Page.route_for_request(request, path)
        if route is None or not isinstance(route.page, DirectoryPage):
            return None
        view = route.args[0] if route.args else None
        if getattr(view, "__name__", "") != "unsubscribe":
            return None
        return view_func(request, *view_args, **view_kwargs)
