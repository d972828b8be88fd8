"""Content of the example site: the seed page's liaisons and generated associations."""
