"""Associations add themselves to the directory and keep their details current.

Everything an association sends waits for a moderator in Wagtail's own workflow; the
live entry changes only when a moderator approves.
"""
