"""Models used only by the tests, standing in for a host site's own code."""
