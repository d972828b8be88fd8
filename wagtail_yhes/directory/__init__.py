"""The public directory: reading its addresses, answering searches, open data."""
