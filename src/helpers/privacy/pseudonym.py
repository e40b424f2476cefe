"""Keyed pseudonyms: replace an identifier with a token only the key holder can reproduce.

A pseudonym here is HMAC-SHA256 of the (normalized) identifier under a **secret key**,
shortened to ``length`` hexadecimal characters. The same key and value always give the
same token, so records can still be linked; without the key, nobody can rebuild the
tokens from a list of possible identifiers (the dictionary attack that defeats plain
hashing, see :mod:`helpers.privacy.hashing_attack`). NIST SP 800-53 Rev. 5 control
SI-19(4) describes this as removing or transforming identifiers with a keyed method; the
key must be kept apart from the data, by someone who does not receive the data.

Values are normalized first, so trivial differences do not create different people:
surrounding and repeated spaces are removed, letters are case-folded, whole-number floats
lose their ``.0`` (IDs read from a file with blanks), and dates become ISO ``YYYY-MM-DD``
(date objects, and text written ``YYYY-MM-DD``, ``YYYY/MM/DD`` or US-style
``M/D/YYYY``). Blank values stay blank: they are never turned into a token, because one
shared token for every blank would link unrelated people.

Keys are never written to disk unless you call :func:`save_key`.

Example:
    >>> key = "riverbend-training-key-0123456789-abcdef"
    >>> pseudonymize("RB100239", key)
    'ed8fcd20886a07da865d'
    >>> pseudonymize(" rb100239 ", key) == pseudonymize("RB100239", key)
    True
    >>> pseudonymize("RB100239", "another-key-also-long-enough-0123456789") == pseudonymize("RB100239", key)
    False
    >>> pseudonymize("RB100239", "short")
    Traceback (most recent call last):
    ...
    helpers.privacy.errors.KeyRequirementError: The key is too short: 5 characters. Use at least 32 random characters; generate_key() makes one.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import math
import unicodedata
import os
import re
import secrets
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import KeyFileExistsError, KeyRequirementError, PrivacyInputError

__all__ = ["MIN_KEY_LENGTH", "pseudonymize", "generate_key", "save_key", "load_key", "normalize_value"]

#: Shortest key accepted, in characters (text keys) or bytes (binary keys).
MIN_KEY_LENGTH = 32

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00(\.0+)?)?$")


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, np.floating) and np.isnan(value):
        return True
    if isinstance(value, np.datetime64) and np.isnat(value):
        return True
    return False


def _date_text(text: str) -> str | None:
    for pattern, order in ((_ISO, (0, 1, 2)), (_US, (2, 0, 1))):
        m = pattern.match(text)
        if m:
            parts = [int(g) for g in m.groups()]
            year, month, day = (parts[k] for k in order)
            try:
                return _dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    m = _ISO_TIME.match(text)
    if m:
        return m.group(1)
    return None


def normalize_value(value: Any) -> str | None:
    """The text that is actually hashed for ``value`` (``None`` for a blank).

    >>> normalize_value("  Maria   DEL Carmen ")
    'maria del carmen'
    >>> normalize_value("3/7/2014"), normalize_value("2014-03-07"), normalize_value(pd.Timestamp("2014-03-07"))
    ('2014-03-07', '2014-03-07', '2014-03-07')
    >>> normalize_value(100239.0), normalize_value("   "), normalize_value(float("nan"))
    ('100239', None, None)
    """
    if _is_missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (pd.Timestamp, _dt.datetime, np.datetime64)):
        ts = pd.Timestamp(value)
        if ts.tzinfo is None and ts == ts.normalize():
            return ts.date().isoformat()
        return ts.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if math.isinf(value):
            raise PrivacyInputError(f"Cannot pseudonymize an infinite number ({value}).")
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            raise PrivacyInputError(f"{value!r} is bytes that are not UTF-8 text; decode them first.") from None
    if not isinstance(value, str):
        raise PrivacyInputError(
            f"Cannot pseudonymize a value of type {type(value).__name__} ({value!r}). "
            "Give identifiers as text, numbers or dates."
        )
    # Compatibility forms first (full-width letters, ligatures), then case folded in a way that
    # gives the same result for upper, lower, title or swapped case of the same text: for some
    # letters (Turkish dotless i, German sharp s) casefold alone is not enough.
    text = unicodedata.normalize("NFKC", value)
    text = unicodedata.normalize("NFKC", text.upper())
    text = unicodedata.normalize("NFKC", text.casefold())
    text = " ".join(text.split())
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise PrivacyInputError(f"{value!r} contains characters that cannot be written as text (UTF-8).") from None
    if not text:
        return None
    return _date_text(text) or text


def _key_bytes(key: Any) -> bytes:
    if key is None or (isinstance(key, str) and not key.strip()):
        raise KeyRequirementError(
            "A secret key is needed to make pseudonyms, and none was given. "
            "Create one with generate_key(), keep it away from the data, and pass it as key=..."
        )
    if isinstance(key, str):
        try:
            raw, unit = key.encode("utf-8"), "characters"
        except UnicodeEncodeError:
            raise KeyRequirementError(
                "The key contains characters that cannot be written as text (UTF-8). Use generate_key()."
            ) from None
        size = len(key)
    elif isinstance(key, (bytes, bytearray)):
        raw, unit = bytes(key), "bytes"
        size = len(raw)
    else:
        raise KeyRequirementError(
            f"The key must be text (or bytes), not a {type(key).__name__}. "
            "Use the text that generate_key() returns."
        )
    if size < MIN_KEY_LENGTH:
        raise KeyRequirementError(
            f"The key is too short: {size} {unit}. Use at least {MIN_KEY_LENGTH} random {unit}; "
            "generate_key() makes one."
        )
    return raw


def _check_length(length: Any) -> int:
    if isinstance(length, bool) or not isinstance(length, (int, np.integer)) or not 8 <= length <= 64:
        raise PrivacyInputError(
            f"length must be a whole number from 8 to 64 (hex characters of the token), not {length!r}. "
            "20 (the default) leaves no realistic chance that two people share a token."
        )
    return int(length)


def _token(raw_key: bytes, value: Any, length: int) -> str | None:
    text = normalize_value(value)
    if text is None:
        return None
    return hmac.new(raw_key, text.encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def pseudonymize(values: Any, key: str | bytes, *, length: int = 20) -> Any:
    """Keyed pseudonyms (HMAC-SHA256) for one value, a list, or a pandas Series.

    Returns the same shape: a ``str`` for a single value, a list for a list (or tuple),
    a Series with the same index and name for a Series. Blank values (``None``, NaN,
    empty text) stay blank. ``key`` must have at least 32 characters (or bytes); make one
    with :func:`generate_key`. ``length`` (8-64) is how many hex characters to keep.

    >>> import pandas as pd
    >>> key = "k" * 16 + "0123456789abcdef"
    >>> pseudonymize(pd.Series(["RB1", None, "rb1 "], name="student_id"), key).tolist()
    ['41907124eac8d2c113b8', nan, '41907124eac8d2c113b8']
    >>> pseudonymize(["RB1", "RB2"], key, length=8)
    ['41907124', '6f8b1f66']
    """
    raw_key = _key_bytes(key)
    length = _check_length(length)
    if isinstance(values, pd.Series):
        tokens = [_token(raw_key, v, length) for v in values.tolist()]
        out = pd.Series(tokens, index=values.index, name=values.name, dtype="str")
        return out
    if isinstance(values, pd.DataFrame):
        raise PrivacyInputError(
            "pseudonymize() takes one column at a time. Pass a column, for example "
            "df['student_id'], and put the result back: df['student_id'] = pseudonymize(df['student_id'], key)."
        )
    if isinstance(values, (list, tuple)):
        return [_token(raw_key, v, length) if not _is_missing(v) and normalize_value(v) is not None else v
                for v in values]
    if isinstance(values, (set, frozenset, dict)):
        raise PrivacyInputError(
            f"pseudonymize() takes a single value, a list or a pandas Series, not a {type(values).__name__}."
        )
    if isinstance(values, np.ndarray):
        return [_token(raw_key, v, length) for v in values.tolist()]
    return _token(raw_key, values, length)


def generate_key() -> str:
    """A new random secret key (43 URL-safe characters, 256 bits), from :mod:`secrets`.

    The key is only returned, never written anywhere. Store it apart from the data (a
    password manager or key vault held by someone who does not receive the data).

    >>> key = generate_key()
    >>> len(key) >= 32 and key != generate_key()
    True
    """
    return secrets.token_urlsafe(32)


def save_key(key: str | bytes, path: str | os.PathLike) -> Path:
    """Write ``key`` to a new file at ``path`` (never overwrites) and warn where it belongs.

    A key saved next to the data it protects protects nothing: anyone who gets both can
    rebuild every pseudonym. Keep the file on a different system, readable only by the
    key holder, and destroy it when the agreement ends. The file is created readable by
    its owner only (where the operating system supports it).

    >>> import tempfile, warnings, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with warnings.catch_warnings(record=True):
    ...     path = save_key(generate_key(), folder / "hub.key")
    >>> len(load_key(path)) >= 32
    True
    """
    raw = _key_bytes(key)
    if raw.endswith((b"\n", b"\r")):
        raise KeyRequirementError("The key ends with a line break; load_key() would read it back without it. "
                                  "Use the key exactly as generate_key() returns it.")
    if not isinstance(path, (str, os.PathLike)):
        raise PrivacyInputError(f"path must be a file path (text), not a {type(path).__name__}.")
    path = Path(path)
    if path.exists():
        raise KeyFileExistsError(
            f"{path} already exists. save_key never overwrites a key (that would make every pseudonym "
            "made with the old key impossible to reproduce). Choose a new file name, or delete the old "
            "file on purpose if you really mean to replace it."
        )
    if not path.parent.exists():
        raise PrivacyInputError(f"The folder {path.parent} does not exist. Create it first, or choose another path.")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(raw)
    warnings.warn(
        f"The pseudonymization key was saved to {path}. Store it apart from the data it protects "
        "(a different system, readable only by the key holder), never send it with the data, and "
        "destroy it when it is no longer needed.",
        UserWarning,
        stacklevel=2,
    )
    return path


def load_key(path: str | os.PathLike) -> str:
    """Read a key written by :func:`save_key` (checked for length).

    One trailing line break (``\\n`` or ``\\r\\n``, which text editors add when a key is
    pasted into a file) is removed, so the key reads the same as when it was saved; any
    other spaces are part of the key.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pasted.key"
    >>> _ = path.write_text("k" * 40 + "\\n")
    >>> load_key(path) == "k" * 40
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        raise PrivacyInputError(f"path must be a file path (text), not a {type(path).__name__}.")
    path = Path(path)
    if not path.exists():
        raise PrivacyInputError(f"There is no key file at {path}. Check the path with the key holder.")
    if path.is_dir():
        raise PrivacyInputError(f"{path} is a folder, not a key file. Pass the path of the file itself.")
    raw = path.read_bytes()
    if raw.endswith(b"\r\n"):
        raw = raw[:-2]
    elif raw.endswith(b"\n"):
        raw = raw[:-1]
    try:
        key: str | bytes = raw.decode("utf-8")
    except UnicodeDecodeError:
        key = raw
    _key_bytes(key)
    return key  # type: ignore[return-value]
