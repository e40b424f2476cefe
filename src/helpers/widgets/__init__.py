"""Interactive widgets (ipywidgets): thin wiring over pure, unit-tested helper functions."""
