"""The background task that sends messages, run by django-tasks (which Wagtail depends on)."""

from django_tasks import task

from .sending import send_batch


@task()
def send_message_task(message_id):
    """Send a batch of a message, and enqueue the next batch while any is waiting."""
    if send_batch(message_id):
        send_message_task.enqueue(message_id)


def enqueue_sending(message_id):
    """Start sending ``message_id`` in the background."""
    send_message_task.enqueue(message_id)
