"""Reading an XLSX workbook, after checks that refuse a "zip bomb" or an XML entity bomb
before any XML is parsed, quickly and without using much memory."""

import codecs
import io
import re
import warnings
import zipfile

from defusedxml import DefusedXmlException
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .tables import FileError, Table, clean_text, is_empty, no_answers, too_many_rows

#: Deflate cannot compress better than about 1:1030. Real workbook parts compress
#: 1:5 to 1:50, so a large part that claims more than this is a bomb, not a sheet.
MAX_COMPRESSION_RATIO = 200
_RATIO_CHECK_MIN_SIZE = 1024 * 1024
_MAX_ARCHIVE_MEMBERS = 10_000
#: A DOCTYPE, and with it any entity declaration, can only come before the root element.
_XML_PROLOG_SIZE = 64 * 1024
#: Excel keeps formatting of rows that were once used: that many empty rows in a row
#: mean that the data has ended.
_MAX_EMPTY_ROWS_IN_A_ROW = 10_000


def check_workbook_archive(archive, *, max_unpacked_size):
    """Refuse a workbook whose parts would unpack to too much, or that declares entities.

    The sizes are those that the archive declares; Python's ``zipfile`` never unpacks a
    part beyond its declared size, so a part that lies about its size fails its checksum
    instead of filling the memory.
    """
    members = archive.infolist()
    if len(members) > _MAX_ARCHIVE_MEMBERS:
        raise _not_a_workbook()
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked_size:
        raise FileError(
            _(
                "The workbook would unpack to %(size)s, more than the limit of %(limit)s. "
                "It may be damaged or malicious. Save it as CSV, or split it."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(max_unpacked_size)}
        )
    for member in members:
        if (
            member.file_size > _RATIO_CHECK_MIN_SIZE
            and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise FileError(
                _(
                    "The workbook is compressed suspiciously well (a part of it unpacks "
                    "%(ratio)s times larger). It may be malicious and was not opened."
                )
                % {"ratio": member.file_size // max(member.compress_size, 1)}
            )
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise FileError(
                _(
                    "The file is an OpenDocument spreadsheet. Save it as an Excel "
                    "workbook (.xlsx) or as CSV, and upload it again."
                )
            )
        raise _not_a_workbook()
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels", ".vml")):
            _check_xml_prolog(archive, member)


_ROOT_ELEMENT_RE = re.compile(r"<(?![?!])")


def _check_xml_prolog(archive, member):
    # Entity expansion ("billion laughs") needs a DOCTYPE, and a DOCTYPE can only stand
    # before the root element, so the beginning of each part tells. defusedxml, which
    # openpyxl uses when it is installed, would refuse it too, later and less clearly.
    try:
        with archive.open(member) as part:
            prolog = part.read(_XML_PROLOG_SIZE)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise _not_a_workbook() from None
    if prolog.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = prolog.decode("utf-16", errors="ignore")
    elif prolog[1:2] == b"\x00":
        text = prolog.decode("utf-16-le", errors="ignore")
    elif prolog[:1] == b"\x00":
        text = prolog.decode("utf-16-be", errors="ignore")
    else:
        text = prolog.decode("utf-8", errors="ignore")
    root = _ROOT_ELEMENT_RE.search(text)
    doctype = text.find("<!DOCTYPE")
    if doctype != -1 and (root is None or doctype < root.start()):
        raise _xml_entities_error()
    if "<!ENTITY" in text[: root.start() if root else len(text)]:
        raise _xml_entities_error()
    if root is None and member.file_size > len(prolog):
        raise _not_a_workbook()


def _xml_entities_error():
    return FileError(
        _(
            "The workbook contains XML declarations that Excel never writes (a DOCTYPE "
            "or entities). It may be malicious and was not opened."
        )
    )


def _not_a_workbook():
    return FileError(
        _(
            "The file could not be read as an Excel workbook (.xlsx): it is damaged or in "
            "another format. Save it as .xlsx or CSV and upload it again."
        )
    )


def _workbook_cell(value):
    if isinstance(value, str):
        return clean_text(value)
    return value


def _open_workbook(data, *, max_unpacked_size):
    """The workbook of ``data``, read-only, once its archive is known to be safe."""
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise _not_a_workbook() from None
    with archive:
        check_workbook_archive(archive, max_unpacked_size=max_unpacked_size)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not support; the
            # values are read all the same.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileError:
        raise
    except Exception as error:
        raise _workbook_error(error) from None


def read_workbook(data, *, max_rows, max_unpacked_size):
    """The ``Table`` of the first sheet of the workbook ``data``."""
    workbook = _open_workbook(data, max_unpacked_size=max_unpacked_size)
    if not workbook.worksheets:
        workbook.close()
        raise _not_a_workbook()
    sheet = workbook.worksheets[0]
    # Read-only sheets trust the size that the file declares; some programs that write
    # workbooks declare it wrong, and the rows would be cut short.
    sheet.reset_dimensions()
    source = enumerate(sheet.iter_rows(values_only=True), start=1)

    def next_rows():
        empty_in_a_row = 0
        try:
            for number, values in source:
                cells = [_workbook_cell(value) for value in values]
                if is_empty(cells):
                    empty_in_a_row += 1
                    if empty_in_a_row >= _MAX_EMPTY_ROWS_IN_A_ROW:
                        return
                    continue
                empty_in_a_row = 0
                yield number, cells
        except FileError:
            raise
        except Exception as error:
            raise _workbook_error(error) from None

    stream = next_rows()
    try:
        header_row, headers = next(stream)
    except StopIteration:
        workbook.close()
        raise FileError(_("The file is empty.")) from None
    except FileError:
        workbook.close()
        raise
    headers = ["" if cell is None else clean_text(str(cell)) for cell in headers]

    def rows():
        count = 0
        try:
            for number, cells in stream:
                count += 1
                if count > max_rows:
                    raise too_many_rows(max_rows)
                yield number, cells
            if not count:
                raise no_answers()
        finally:
            workbook.close()

    return Table(
        headers=headers,
        rows=rows(),
        file_format="xlsx",
        header_row=header_row,
        details={"sheet": sheet.title},
    )


def _workbook_error(error):
    # openpyxl wraps what went wrong, defusedxml's refusals among it, in a ValueError.
    cause = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return _xml_entities_error()
        cause = cause.__cause__ or cause.__context__
    return _not_a_workbook()
