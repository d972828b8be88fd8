"""Limits on how often the public forms can be used, counted in Django's cache.

Counts live in the default cache, so every process of a site must share one cache
(Redis or Memcached). With a per-process cache such as ``LocMemCache`` each process
counts alone and the limits multiply by the number of processes; a system check says so.

The window slides: the attempts of the present fixed window are added to those of the
previous one, weighted by how much of the previous window the sliding one still covers.
A burst just before and another just after the turn of a fixed window thus count
together, as they would in an exact sliding log, which a cache cannot keep atomically.
"""

import hashlib
import ipaddress
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


def client_key(address):
    """What the attempts of ``address`` are counted under.

    An IPv6 client is given a whole /64 network by its provider and may use any address
    of it, so an IPv6 address counts as its /64; an IPv4 address (also one mapped into
    IPv6) counts alone. Anything else is counted as it is.
    """
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def _count(cache_key, window):
    """Add one to the count under ``cache_key``, kept for two windows; return the count."""
    if cache.add(cache_key, 1, timeout=2 * window):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:
        # The count expired between add() and incr(): it starts again.
        cache.set(cache_key, 1, timeout=2 * window)
        return 1


def hit(scope, key):
    """Count one attempt of ``key`` in ``scope``; return ``True`` if it is over the limit.

    A cache that does not answer does not stop the forms: the attempt is allowed and the
    failure logged.
    """
    limit, window = get_limit(scope)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    now = time.time()
    current, into = divmod(now, window)
    prefix = f"wagtail_yhes:ratelimit:{scope}:{digest}"
    try:
        count = _count(f"{prefix}:{int(current)}", window)
        previous = cache.get(f"{prefix}:{int(current) - 1}", 0)
    except Exception:
        logger.exception("Rate limit %s could not be counted; the attempt is allowed", scope)
        return False
    return count + previous * (1 - into / window) > limit


def request_over_limit(request, scope):
    """Count an attempt from the client of ``request``; ``True`` if it is over the limit."""
    return hit(scope, client_key(client_ip(request)))
