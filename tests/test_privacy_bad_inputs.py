"""Every public function of helpers.privacy, given bad input, says what is wrong and what to try.

Each case is (function, arguments, words the message must contain). The error must be a
ValueError subclass from the toolkit (never a raw TypeError/AttributeError from pandas), its
message must name the argument or value at fault, and the inputs must be left unchanged.
"""

import copy
import re

import numpy as np
import pandas as pd
import pytest

import helpers.privacy as privacy
from helpers.privacy import PrivacyInputError

KEY = "riverbend-hub-test-key-0123456789-abcdefgh"
PEOPLE = pd.DataFrame({"zip": ["00101", "00101", "00102"], "gender": ["F", "F", "M"], "iep": [True, False, True],
                       "name": ["A", "B", "C"]})
COUNTS = pd.DataFrame({"yes": [12, 4], "no": [30, 25]}, index=["A", "B"])
PUBLISHED = privacy.suppress_small_cells(COUNTS, 5)

CASES = {
    "suppress_small_cells": [
        ((COUNTS, 0), "threshold"), ((COUNTS, "10"), "threshold"), ((COUNTS, 10.5), "threshold"),
        ((COUNTS.assign(no=["a", "b"]),), "not counts"), ((COUNTS, 10), "suppress_zeros", {"suppress_zeros": "no"}),
        ((COUNTS, 10), "add_totals", {"add_totals": "yes"}), ((COUNTS, 10), "structural_zeros", {"structural_zeros": 5}),
        ((COUNTS, 10), "structural_zeros", {"structural_zeros": [("Z", "yes")]}),
        ((COUNTS, 10), "not 0", {"structural_zeros": [("A", "yes")]}), (([[1, 2]],), "DataFrame"),
    ],
    "suppress_primary_only": [
        ((COUNTS, -1), "threshold"), ((COUNTS, None), "threshold"), (("table",), "DataFrame"),
        ((COUNTS.assign(no=[1.5, 2]),), "fractional"), ((COUNTS, 10), "add_totals", {"add_totals": "no"}),
    ],
    "publish_percentages": [
        ((COUNTS,), "of", {"of": "diagonal"}), ((COUNTS,), "decimals", {"decimals": -1}),
        ((COUNTS,), "decimals", {"decimals": 1.5}), ((COUNTS, "5"), "threshold"),
        ((COUNTS,), "add_totals", {"add_totals": "no"}), ((COUNTS.assign(no=[-1, 2]),), "negative"),
    ],
    "count_table": [
        ((PEOPLE, 0, 1), "no column"), ((PEOPLE, "school", "iep"), "'school'"), ((PEOPLE, [], "iep"), "at least one"),
        ((PEOPLE, "zip", "zip"), "both rows and columns"), (("people", "zip", "iep"), "DataFrame"),
        ((PEOPLE.iloc[:0], "zip", "iep"), "no rows"),
    ],
    "recover_suppressed": [
        (("table",), "DataFrame"), ((pd.DataFrame(),), "empty"), ((PUBLISHED,), "threshold", {"threshold": 0}),
        ((pd.DataFrame({"a": ["<10", 20]}),), "text"), ((pd.DataFrame({"a": [1.5, 2]}),), "whole number"),
        ((pd.DataFrame({"a": [5, 10], "Total": [6, 10]}, index=["x", "Total"]),), "does not add up"),
        ((pd.DataFrame({"a": [5, 5, 5]}, index=["x", "Total", "total"]),), "more than one total"),
    ],
    "k_anonymity": [
        ((PEOPLE, ["zap"]), "'zap'"), ((PEOPLE, []), "No columns"), ((PEOPLE, ["zip"]), "target_k", {"target_k": 0}),
        ((PEOPLE, ["zip"]), "target_k", {"target_k": "5"}), (("people", ["zip"]), "DataFrame"),
        ((PEOPLE.iloc[:0], ["zip"]), "no rows"), ((PEOPLE, ["zip", "zip"]), "twice"),
    ],
    "l_diversity": [
        ((PEOPLE, ["zip"], "secret"), "'secret'"), ((PEOPLE, ["zip"], "zip"), "both"),
        ((PEOPLE, ["zip"], "iep"), "target_l", {"target_l": -2}), ((PEOPLE, [], "iep"), "No columns"),
        (([1, 2], ["zip"], "iep"), "DataFrame"), ((PEOPLE, ["zip"], ["iep"]), "sensitive"),
    ],
    "group_sizes": [
        ((PEOPLE, ["zap"]), "'zap'"), ((PEOPLE, []), "No columns"), (("people", ["zip"]), "DataFrame"),
        ((PEOPLE.iloc[:0], ["zip"]), "no rows"), ((PEOPLE, ["zip", "zip"]), "twice"),
    ],
    "uniqueness": [
        ((PEOPLE, ["zap"]), "'zap'"), ((PEOPLE, []), "No columns"), ((None, ["zip"]), "DataFrame"),
        ((PEOPLE.iloc[:0], ["zip"]), "no rows"), ((PEOPLE, 5), "no column"),
    ],
    "uniqueness_table": [
        ((PEOPLE, [["zap"]]), "'zap'"), ((PEOPLE, []), "combinations"), ((PEOPLE, "zip"), "combinations"),
        ((PEOPLE, [[]]), "No columns"), ((None, [["zip"]]), "DataFrame"),
    ],
    "reidentify": [
        ((PEOPLE, PEOPLE.drop(columns="zip"), ["zip"]), "'zip'"), ((PEOPLE, "directory", ["zip"]), "DataFrame"),
        ((PEOPLE, PEOPLE, []), "at least one"), ((PEOPLE, PEOPLE.drop(columns="name"), ["zip"]), "name_column"),
        ((PEOPLE, PEOPLE, ["zip"]), "directory_on", {"directory_on": ["zip", "gender"]}),
        ((PEOPLE, PEOPLE, ["zip"]), "'nom'", {"name_column": "nom"}),
    ],
    "classify_columns": [
        (({"zip": "secret"},), "not a class"), ((42,), "dataset name"), (({},), "no columns"),
        ((pd.DataFrame({"x": [1]}),), "'name' column"), (({"zip": "quasi"},), "no such column", {"overrides": {"zap": "none"}}),
        (("no_such_dataset",), "no_such_dataset"),
    ],
    "columns_by_class": [
        (({"a": "secret"},), "not a class"), (({"a": 5},), "not a class"), ((42,), "columns_by_class"),
        ((pd.Series({"a": None}),), "not a class"), ((["zip"],), "columns_by_class"),
    ],
    "age_on": [
        (([2014], "2024-01-01"), "full dates"), ((["2014-03-07"], 2024), "as_of"), ((["yesterday"], "2024-01-01"), "as a date"),
        ((["2014-03-07"], "someday"), "as_of"), (([123456789], "2024-01-01"), "YYYYMMDD"), (("2014-03-07", "2024-01-01"), "column"),
    ],
    "birth_year": [
        (([1.5e18],), "YYYYMMDD"), ((["soon"],), "as a date"), (([True, False],), "True/False"),
        (("2014",), "column"), ((pd.DataFrame({"a": [2014]}),), "one column"), (([20141399],), "YYYYMMDD"),
    ],
    "birth_year_band": [
        (([2014],), "width", {"width": 0}), (([2014],), "width", {"width": "2"}), ((["x"],), "as a date"),
        ((5,), "column"), (([20140230],), "YYYYMMDD"),
    ],
    "age_band": [
        (([1],), "width", {"width": 0}), ((["ten"],), "not numbers"), ((7,), "column"),
        (([1],), "width", {"width": True}), ((pd.DataFrame({"a": [1]}),), "one column"),
    ],
    "zip3": [
        ((["1234567"],), "not a ZIP"), ((["abcde"],), "not a ZIP"), ((12345,), "column"),
        ((pd.DataFrame({"z": ["00101"]}),), "one column"), (([-5],), "not a ZIP"),
    ],
    "top_bottom_code": [
        (([1, 2],), "top"), (([1, 2],), "larger than top", {"bottom": 5, "top": 1}), ((["a", "b"],), "numbers", {"top": 1}),
        ((3,), "column"), (([1, 2],), "top", {"top": "ten"}),
    ],
    "grade_band": [
        ((["13"],), "not in any band"), (([1],), "bands", {"bands": ["K-5"]}), ((5,), "column"),
        ((["Z"],), "not in any band"), ((pd.DataFrame({"g": [1]}),), "one column"),
    ],
    "date_space": [
        (("2014-03-01", "2014-01-01"), "before"), ((1.5e18, "2014-01-01"), "YYYYMMDD"), (("soon", "2014-01-01"), "first"),
        (("2014-01-01", None), "last"), ((True, "2014-01-01"), "first"), ((2014, 123), "last"),
    ],
    "student_id_space": [
        (("RB", 0), "digits"), (("RB", 6), "start", {"start": "100000"}), (("RB", 6), "stop", {"start": 10, "stop": 5}),
        ((5, 6), "prefix"), (("RB", 6), "start", {"start": -1}), (("RB", True), "digits"),
    ],
    "dictionary_attack": [
        ((["ab"], "RB100239"), "collection"), ((42, ["RB1"]), "hashed_values"), ((["zz-not-hex"], ["RB1"]), "hex"),
        (([None], ["RB1"]), "no hashes"), (([5], ["RB1"]), "hex text"), ((["ab"], 5), "candidate_values"),
        ((["ab"], ["RB1"]), "algorithm", {"algorithm": "sha3"}),
    ],
    "plain_hash": [
        (("x",), "algorithm", {"algorithm": "sha3"}), (({"a": 1},), "single value"), ((pd.DataFrame({"a": [1]}),), "single value"),
        (("x",), "normalize", {"normalize": "no"}), (([1.5],), "normalize=False", {"normalize": False}),
        ((float("inf"),), "infinite"),
    ],
    "pseudonymize": [
        (("RB1", "short"), "too short"), (("RB1", None), "key"), (("RB1", 12345), "key"), (("RB1", KEY), "length", {"length": 4}),
        ((pd.DataFrame({"a": [1]}), KEY), "one column"), (({"RB1"}, KEY), "set"), ((object(), KEY), "type object"),
    ],
    "normalize_value": [
        ((object(),), "type object"), ((float("inf"),), "infinite"), (({"a": 1},), "type dict"), ((b"\xff",), "UTF-8"),
        (([1, 2],), "type list"),
    ],
    "save_key": [
        (("short", "/tmp/x.key"), "too short"), ((None, "/tmp/x.key"), "key"), ((KEY + "\n", "/tmp/x.key"), "line break"),
        ((KEY, "/no/such/folder/x.key"), "does not exist"), ((KEY, 42), "path"),
    ],
    "load_key": [
        (("/no/such/file.key",), "no key file"), ((42,), "path"), (("/tmp",), "folder"), ((None,), "path"),
        (("__SHORT__",), "too short"),
    ],
}
NO_INPUT = {"generate_key"}  # takes no arguments, so there is no bad input to give it


def _cases():
    for name, cases in CASES.items():
        for k, case in enumerate(cases):
            args, words = case[0], case[1]
            kwargs = case[2] if len(case) > 2 else {}
            yield pytest.param(name, args, kwargs, words, id=f"{name}-{k}")


@pytest.fixture
def short_key_file(tmp_path):
    path = tmp_path / "short.key"
    path.write_text("abc\n")
    return str(path)


@pytest.mark.parametrize("name, args, kwargs, words", list(_cases()))
def test_bad_input_gets_a_clear_error(name, args, kwargs, words, short_key_file):
    func = getattr(privacy, name)
    args = tuple(short_key_file if isinstance(a, str) and a == "__SHORT__" else a for a in args)
    before = copy.deepcopy((args, kwargs))
    with pytest.raises(ValueError) as err:
        result = func(*args, **kwargs)
        if hasattr(result, "__next__"):
            next(result)
    assert isinstance(err.value, PrivacyInputError) or type(err.value).__module__.startswith("helpers"), repr(err.value)
    message = str(err.value)
    assert re.search(re.escape(words), message, re.IGNORECASE), message
    assert len(message) > 30, f"too short to act on: {message!r}"
    for a, b in zip(args + tuple(kwargs.values()), before[0] + tuple(before[1].values())):
        if isinstance(a, (pd.DataFrame, pd.Series)):
            if isinstance(a, pd.DataFrame):
                pd.testing.assert_frame_equal(a, b)
            else:
                pd.testing.assert_series_equal(a, b)
        elif isinstance(a, (list, dict)):
            assert a == b


def test_every_public_function_is_covered_with_five_kinds_of_bad_input():
    public = {n for n in privacy.__all__ if callable(getattr(privacy, n)) and not isinstance(getattr(privacy, n), type)}
    missing = sorted(public - set(CASES) - NO_INPUT)
    assert not missing, f"no bad-input cases for {missing}"
    thin = {n: len(c) for n, c in CASES.items() if len(c) < 5}
    assert not thin, f"fewer than 5 bad inputs: {thin}"
    assert privacy.generate_key() != privacy.generate_key()


# --- hostile values in every argument: a toolkit error or a result, never a raw Python error ---
HOSTILE = [None, 5, -1, 0, 2.5, "x", "", [], {}, set(), pd.DataFrame(), pd.Series([], dtype=float), np.nan,
           object(), True, ["zip"], [1, 2], pd.Series(["a", None]), (1, 2), b"\xff"]
GOOD = {"df": PEOPLE, "release": PEOPLE, "directory": PEOPLE, "counts": COUNTS, "published": PUBLISHED,
        "quasi_identifiers": ["zip"], "sensitive": "iep", "rows": "zip", "columns": "gender", "values": ["RB1"],
        "key": KEY, "source": {"zip": "quasi"}, "roles": {"zip": "quasi"}, "date_of_birth": ["2014-03-07"],
        "as_of": "2024-01-01", "ages": [5], "zips": ["00101"], "grades": ["K"], "hashed_values": ["ab" * 16],
        "candidate_values": ["RB1"], "first": "2014-01-01", "last": "2014-01-05", "combinations": [["zip"]],
        "value": "x", "path": "k.key", "on": ["zip"]}


def _calls():
    import inspect

    for name in privacy.__all__:
        func = getattr(privacy, name)
        if not callable(func) or isinstance(func, type) or name in NO_INPUT:
            continue
        params = inspect.signature(func).parameters.values()
        required = [p.name for p in params if p.default is p.empty and p.kind == p.POSITIONAL_OR_KEYWORD]
        optional = [p.name for p in params if p.default is not p.empty]
        for arg in required + optional:
            yield pytest.param(name, required, arg, id=f"{name}-{arg}")


@pytest.mark.parametrize("name, required, arg", list(_calls()))
def test_hostile_values_never_raise_raw_errors(name, required, arg, tmp_path, monkeypatch):
    import warnings

    monkeypatch.chdir(tmp_path)
    func = getattr(privacy, name)
    base = {p: GOOD.get(p, "x") for p in required}
    for value in HOSTILE:
        kwargs = {**base, arg: value}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = func(**kwargs)
                if hasattr(result, "__next__"):
                    next(result, None)
        except (ValueError, KeyError) as err:
            assert type(err).__module__.startswith("helpers"), f"{name}({arg}={value!r}): raw {err!r}"
        except Exception as err:  # noqa: BLE001 - the point is to catch anything raw
            pytest.fail(f"{name}({arg}={value!r}) raised a raw {type(err).__name__}: {err}")
