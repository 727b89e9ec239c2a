"""Numbered errors that name the fix (in the manner of spaCy's ``errors.py``).

Codes:

- E001 a pattern file cannot be read or is not a mapping
- E002 a rule lacks a field it needs (``name`` or ``pattern``)
- E003 a name is defined twice (a rule or a vocabulary entry)
- E004 a pattern refers to a vocabulary name that does not exist
- E005 vocabulary names refer to each other in a circle
- E006 a pattern does not compile
- E007 an example or near-miss is malformed
- E008 a rule's prefilter (``needs`` / ``stops``) is malformed
- E009 a rule names an unknown ``engine``
- E010 the shipped models are missing or cannot be loaded
"""

from __future__ import annotations


class GovnewsError(Exception):
    """Base class of the library's own errors."""


class PatternError(GovnewsError, ValueError):
    """A pattern file is malformed.  The message names the file, the rule and the fix."""

    def __init__(self, code: str, message: str, *, file: str | None = None, rule: str | None = None,
                 fix: str | None = None) -> None:
        self.code = code
        self.file = file
        self.rule = rule
        self.fix = fix
        where = []
        if file:
            where.append(f"file {file}")
        if rule:
            where.append(f"rule {rule!r}")
        text = f"[{code}] {message}"
        if where:
            text += f" ({', '.join(where)})"
        if fix:
            text += f". Fix: {fix}"
        super().__init__(text)


class ModelError(GovnewsError, OSError):
    """A shipped model is missing or broken."""


def not_text(value: object, what: str = "text") -> TypeError:
    """The error for a ``value`` given where a ``str`` belongs, with the fix when it is bytes."""
    hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(value, (bytes, bytearray)) else ""
    return TypeError(f"{what} must be str, got {type(value).__name__}{hint}")
