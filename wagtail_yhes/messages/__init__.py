"""Messages from the council to associations: choosing recipients, writing, sending.

See "Messages" in DESIGN.md and ``docs/editors-guide.md``.
"""
