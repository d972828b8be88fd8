"""Associations directory, municipal liaisons and "Järjestöjen ääni" pages for Wagtail."""

__version__ = "0.1.0"
