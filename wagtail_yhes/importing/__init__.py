"""Importing survey exports (Webropol CSV/XLSX) into associations and liaisons."""

from .reading import FileError

__all__ = ["FileError"]
