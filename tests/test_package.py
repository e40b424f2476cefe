"""The package docstring's module map names every module, so a newcomer can find things."""

import pkgutil

import helpers


def test_module_map_names_every_top_level_module():
    names = [m.name for m in pkgutil.iter_modules(helpers.__path__) if not m.name.startswith("_")]
    assert len(names) > 20
    missing = [n for n in names if f"``helpers.{n}``" not in helpers.__doc__]
    assert not missing, f"Add these modules to the module map in src/helpers/__init__.py: {missing}"
