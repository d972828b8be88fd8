"""Open data: every result of a directory search as a CSV or XLSX file.

``exports`` writes the rows, and ``downloads`` keeps each file once written, per
version of the directory index. The directory's JSON format is its own
(``wagtail_yhes.directory.views``).
"""

from django.utils import translation
from django.utils.translation import get_language

from . import downloads, exports


def download(request, params, search, vocabulary, *, base_url):
    """Every result of ``search`` as ``params.format`` ("csv" or "xlsx"), as a response.

    ``vocabulary`` maps ids to every municipality and activity field; ``base_url`` is
    the directory's absolute address.
    """
    language = get_language()

    def write_file(file):
        # Maybe in a thread of its own: the search reads through that thread's database
        # connection, and the headings need the request's language.
        with translation.override(language):
            exports.write_export(file, search, params.format, base_url=base_url, **vocabulary)

    search_key = (base_url, language, *params.query_items())
    return downloads.download_response(request, params.format, search_key, write_file)
