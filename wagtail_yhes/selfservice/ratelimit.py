"""Limits on how often the public forms can be used, counted in Django's cache.

Counts live in the default cache, so every process of a site must share one cache
(Redis or Memcached). With a per-process cache such as ``LocMemCache`` each process
counts alone and the limits multiply by the number of processes.
"""

import hashlib
import logging
import time

from django.core.cache import cache

from ..conf import DEFAULTS, get_setting

logger = logging.getLogger(__name__)


def get_limit(scope):
    """Return ``(count, seconds)`` for ``scope``; a site may override single scopes."""
    limits = {**DEFAULTS["RATE_LIMITS"], **get_setting("RATE_LIMITS")}
    count, seconds = limits[scope]
    return int(count), int(seconds)


def client_ip(request):
    """The address of the client that sent ``request``.

    Behind a reverse proxy, ``WAGTAIL_YHES_CLIENT_IP_HEADER`` names the header that the
    proxy sets; the last address in it is the one that the proxy itself saw.
    """
    header = get_setting("CLIENT_IP_HEADER")
    if header:
        forwarded = request.META.get(header, "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope, key):
    """Count one attempt of ``key`` in ``scope``; return ``True`` if it is over the limit.

    A cache that does not answer does not stop the forms: the attempt is allowed and the
    failure logged.
    """
    limit, window = get_limit(scope)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"wagtail_yhes:ratelimit:{scope}:{digest}:{int(time.time() // window)}"
    try:
        if cache.add(cache_key, 1, timeout=window):
            count = 1
        else:
            try:
                count = cache.incr(cache_key)
            except ValueError:
                # The count expired between add() and incr(): this is a new window.
                cache.set(cache_key, 1, timeout=window)
                count = 1
    except Exception:
        logger.exception("Rate limit %s could not be counted; the attempt is allowed", scope)
        return False
    return count > limit


def request_over_limit(request, scope):
    """Count an attempt from the client of ``request``; ``True`` if it is over the limit."""
    return hit(scope, client_ip(request))
