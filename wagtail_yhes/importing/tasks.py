"""Background tasks of the admin's import, run by django-tasks (which Wagtail depends on).

With django-tasks' default ``ImmediateBackend`` a task runs within the web request that
enqueues it; the admin then limits the size of a file (``IMPORT_MAX_INLINE_ROWS``) so
that the request ends in time. With a real backend a worker runs them.
"""

from django_tasks import task

from .batches import check_batch, run_batch


def runs_inline(task_to_run):
    """True when ``task_to_run`` is executed within the request that enqueues it."""
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(task_to_run.get_backend(), ImmediateBackend)


@task()
def check_import_task(batch_id):
    """Check an uploaded file and prepare its preview."""
    check_batch(batch_id, inline=runs_inline(check_import_task))


@task()
def run_import_task(batch_id, attempt):
    """Import a confirmed file."""
    run_batch(batch_id, attempt)
