"""Dates and periods (issue 3). Until it lands, it finds nothing."""

from __future__ import annotations

from typing import Any


def scan(norm: Any, published: Any = None) -> list[Any]:
    return []


def find_dates(text: str, published: Any = None) -> list[Any]:
    return []
