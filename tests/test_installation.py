"""A missing package is named, with the command that installs it."""

import pytest

import helpers


def test_nothing_is_missing_here():
    assert helpers.missing_packages() == []


def test_a_missing_package_names_what_to_run(monkeypatch):
    real = helpers._find_spec
    monkeypatch.setattr(helpers, "_find_spec", lambda name: None if name == "duckdb" else real(name))
    assert helpers.missing_packages() == ["duckdb"]
    with pytest.raises(ImportError, match=r"duckdb.*make lab.*pip install -e \."):
        helpers._check_installation()
