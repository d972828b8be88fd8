"""A form sent twice, by a double click or by sending the page again, is acted on once.

A sending is known by what it sent: every field, including the stamp of the form's
rendering (``form_started``), which each new rendering of the form renews, so that
sending the same details again on purpose, from a form opened again, is a new sending.
The first sending claims itself in Django's default cache, with its outcome; a later
one with the same fields gets the outcome of the first and changes nothing, rather than
a second draft and second e-mails, or "this link no longer works" for the link that the
first one used.

Like the rate limits, this needs a cache that every process of a site shares. A cache
that does not answer does not stop the forms: every sending is then acted on.
"""

import hashlib
import json
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

#: How long a sending is remembered, in seconds.
REMEMBERED_FOR = 3600

# Django's CSRF token is masked anew for each page: the same form sent again may carry
# another one.
_NOT_COMPARED = frozenset({"csrfmiddlewaretoken"})


class Sending:
    """One POST of a public form, under ``scope`` (the form's name)."""

    def __init__(self, request, scope):
        fields = sorted(
            (name, value)
            for name, values in request.POST.lists()
            if name not in _NOT_COMPARED
            for value in values
        )
        digest = hashlib.sha256(
            json.dumps([scope, request.path, fields], ensure_ascii=False).encode()
        ).hexdigest()
        self.key = f"wagtail_yhes:sending:{digest}"

    def earlier_outcome(self):
        """The outcome of the same sending made before, or ``None`` if it is the first."""
        try:
            return cache.get(self.key)
        except Exception:
            logger.exception("An earlier sending could not be looked up")
            return None

    def claim(self, outcome):
        """Record this sending with ``outcome``; ``False`` if another has claimed it."""
        try:
            return cache.add(self.key, outcome, timeout=REMEMBERED_FOR)
        except Exception:
            logger.exception("A sending could not be recorded; it is acted on")
            return True

    def release(self):
        """Forget this sending, whose action failed: sending it again acts on it."""
        try:
            cache.delete(self.key)
        except Exception:
            logger.exception("A failed sending could not be forgotten")
