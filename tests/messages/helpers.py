"""Sending a message in a test, as the admin's button does."""

from wagtail_yhes.messages.sending import start_sending
from wagtail_yhes.messages.tasks import enqueue_sending


def send(message, user=None, capture=None):
    """Start sending ``message``; with django-tasks' immediate backend it is sent at once.

    ``capture`` is pytest-django's ``django_capture_on_commit_callbacks``: the task is
    enqueued when the transaction commits.
    """
    with capture(execute=True):
        return start_sending(message, user, enqueue_sending)
