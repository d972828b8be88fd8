"""The directory page's routes for the self-service forms (DESIGN § Directory URLs)."""

from wagtail.contrib.routable_page.models import path


class SelfServiceRoutesMixin:
    """Adds ``submit/``, ``update/`` and ``update/<token>/`` to a routable directory page.

    Put it before ``RoutablePageMixin`` in the page's bases.
    """

    # The views import the models, which import this module: import them when called.

    @path("submit/", name="submit")
    def submit_association(self, request):
        from .views import submit_view

        return submit_view(request, self)

    @path("update/", name="request_update")
    def request_update_link(self, request):
        from .views import request_update_view

        return request_update_view(request, self)

    @path("update/<str:token>/", name="update")
    def update_association(self, request, token):
        from .views import update_view

        return update_view(request, self, token)
