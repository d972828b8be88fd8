"""A cache backend that never answers, standing in for a cache server that is down."""

from django.core.cache.backends.base import BaseCache


class UnavailableCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("The cache server does not answer.")

    add = get = set = touch = delete = incr = has_key = _fail

    def clear(self):
        # The test fixtures empty every cache after a test; there is nothing to empty.
        pass
