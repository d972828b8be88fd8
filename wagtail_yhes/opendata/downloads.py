"""Open-data downloads, made once per version of the directory index and kept as files.

A CSV or XLSX file of the whole register takes seconds to write at a hundred thousand
associations, and a few requests at once would fill the server. So each file is written
once, in a thread that the first request for it starts, and kept in a storage
(``WAGTAIL_YHES_DOWNLOAD_STORAGE``) under the index version and the search it answers;
every later request streams the kept file until the index changes. A request waits a
few seconds (``WAGTAIL_YHES_DOWNLOAD_WAIT``) for a file being written, which is enough
for most searches, and is otherwise asked to try again in a moment: no request holds a
worker for longer, and no file is written twice at once. Every download counts
against the client's rate limit ("download"), and files of older index versions are
removed as new ones are written.
"""

import hashlib
import logging
import tempfile
import threading
import time
from functools import partial

from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import storages
from django.db import connections
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _

from ..conf import get_setting
from ..search import current_index_version
from ..selfservice import ratelimit
from ..spreadsheets import CSV, XLSX

logger = logging.getLogger(__name__)

FOLDER = "wagtail_yhes/downloads"
FILENAME = "yhdistykset"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Seconds after which a file that is still being written is taken to have failed.
WRITING_TIMEOUT = 15 * 60
#: Seconds that a client is asked to wait while the file is written.
RETRY_AFTER = 5


def download_response(request, export_format, search_key, write_file):
    """The download of a search's results as ``export_format`` ("csv" or "xlsx").

    ``search_key`` is a hashable value that tells the search apart (its normalised
    parameters, and anything else the file depends on besides the index);
    ``write_file(file)`` writes the whole file into a binary file object, and is called
    only when no file is kept for the current index version.
    """
    if ratelimit.request_over_limit(request, "download"):
        return _refusal(
            _("Too many downloads from your network. Please try again later."), status=429
        )
    version = current_index_version()
    name = _file_name(version, export_format, search_key)
    storage = _storage()
    kept = _open(storage, name) or _written(storage, name, write_file, version)
    if kept is None:
        response = _refusal(
            _("The file is being prepared. Please try again in a moment."), status=503
        )
        # Browsers load the address again after these seconds, also without JavaScript.
        response["Refresh"] = str(RETRY_AFTER)
        return response
    return FileResponse(
        kept,
        as_attachment=True,
        filename=f"{FILENAME}.{export_format}",
        content_type=CONTENT_TYPES[export_format],
    )


def _open(storage, name):
    try:
        return storage.open(name, "rb")
    except FileNotFoundError:
        return None


def _written(storage, name, write_file, version):
    """The file ``name``, opened once it is written, or ``None`` if it is not ready yet.

    The file is written by one request at a time, in a thread of its own, which goes on
    after the response: a request waits ``WAGTAIL_YHES_DOWNLOAD_WAIT`` seconds at most
    for it. With the setting ``None`` the request that finds no file writes it itself.
    """
    wait = get_setting("DOWNLOAD_WAIT")
    lock = f"wagtail_yhes:download_writing:{name}"
    if cache.add(lock, 1, timeout=WRITING_TIMEOUT):
        writer = partial(_write_kept_file, storage, name, write_file, version, lock)
        if wait is None:
            writer()
            return _open(storage, name)
        thread = threading.Thread(target=_in_background, args=[writer], daemon=True)
        thread.start()
        thread.join(wait)
        return _open(storage, name)
    # Another request writes the file: wait for it as long as it would.
    deadline = time.monotonic() + (wait or 0)
    while (kept := _open(storage, name)) is None and time.monotonic() < deadline:
        time.sleep(0.25)
    return kept


def _write_kept_file(storage, name, write_file, version, lock):
    try:
        _write(storage, name, write_file)
    finally:
        cache.delete(lock)
    _remove_old_versions(storage, version)


def _in_background(writer):
    try:
        writer()
    except Exception:
        logger.exception("A download could not be written")
    finally:
        # The thread's own database connections, which no request closes.
        connections.close_all()


def _storage():
    return storages[get_setting("DOWNLOAD_STORAGE")]


def _file_name(version, export_format, search_key):
    digest = hashlib.sha256(repr(search_key).encode()).hexdigest()[:40]
    return f"{FOLDER}/{version}-{digest}.{export_format}"


def _write(storage, name, write_file):
    """Write the file aside and then save it, so that no request reads half a file."""
    with tempfile.TemporaryFile() as file:
        write_file(file)
        file.seek(0)
        saved = storage.save(name, File(file))
    if saved != name:
        # Another process saved the same file first (a lock that expired): keep one.
        storage.delete(saved)


def _remove_old_versions(storage, version):
    """Delete the kept files of other index versions: no request can ask for them again."""
    try:
        _folders, files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for file_name in files:
        if file_name.split("-", 1)[0] != str(version):
            try:
                storage.delete(f"{FOLDER}/{file_name}")
            except OSError:
                logger.warning("An old download %s could not be removed", file_name)


def _refusal(message, *, status):
    response = HttpResponse(message, content_type="text/plain; charset=utf-8", status=status)
    # A refused client waits for the file, or at most for the rate limit's window.
    retry_after = RETRY_AFTER if status == 503 else ratelimit.get_limit("download")[1]
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
