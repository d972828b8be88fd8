"""Content of the example site: the seed page, its liaisons and generated associations."""
