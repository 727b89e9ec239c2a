"""One parametrised test over every example and near-miss in patterns/ (the test id names the rule)."""

from __future__ import annotations

import pytest

from _harness import RUNNERS, mismatch, published_of, rules_fired
from govnews_extract._patterns import get_patterns

PATTERNS = get_patterns()


def _cases():
    for rule in PATTERNS.rules():
        for i, case in enumerate(rule.examples):
            yield pytest.param(rule, case, id=f"{rule.name}[{i}]")


def _near_misses():
    for rule in PATTERNS.rules():
        for i, case in enumerate(rule.near_misses):
            yield pytest.param(rule, case, id=f"{rule.name}~near[{i}]")


def _runner(rule):
    if rule.kind not in RUNNERS:
        pytest.fail(f"{rule.file}: kind {rule.kind!r} has no runner; use one of {sorted(RUNNERS)}")
    return RUNNERS[rule.kind]


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_example(rule, case):
    if "expect" not in case:
        pytest.fail(f"{rule.name}: an example needs 'expect:' (a list of records; [] for none)")
    records = _runner(rule)(case["text"], published_of(case))
    problem = mismatch(case["expect"], records)
    assert problem is None, f"{case['text']!r}: {problem}"
    if case.get("fired", True):
        assert rule.name in rules_fired(records), f"{rule.name} did not fire; fired: {sorted(rules_fired(records))}"


@pytest.mark.parametrize(("rule", "case"), list(_near_misses()))
def test_near_miss(rule, case):
    records = _runner(rule)(case["text"], published_of(case))
    assert rule.name not in rules_fired(records), f"{rule.name} fired on a near-miss: {case['text']!r}"
    problem = mismatch(case.get("expect", []), records)
    assert problem is None, f"{case['text']!r}: {problem}"
