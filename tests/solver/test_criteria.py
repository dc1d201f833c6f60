"""The optimization order is declared once (criteria.py) and used by the logic program.

Each criterion also has a behavioural case: preferences, deprecated, version_age,
variant_defaults, providers, compilers and targets in tests/solver/cases/*.yaml,
reference in test_retarget.py, builds in test_reuse_and_hashes.py, target_mismatches in
cases/compilers_targets.yaml (what a retargeted dependency links) and test_reuse_exact.py.
"""

from __future__ import annotations

import re

from rpm_spec.solver.criteria import CRITERIA, priorities
from rpm_spec.solver.program import logic_text


def test_priorities_follow_the_declared_order() -> None:
    ranked = priorities()
    values = [ranked[c.name] for c in CRITERIA]
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(values)
    assert min(values) > 0


def test_every_criterion_is_minimized_and_nothing_else() -> None:
    text = logic_text("optimization.lp")
    used = set(re.findall(r'criterion\("([a-z_]+)"', text))
    assert used == {c.name for c in CRITERIA}


def test_errors_rank_above_every_criterion() -> None:
    soft = logic_text("errors_soft.lp")
    base = int(re.search(r"1@(\d+)\+Pr", soft).group(1))  # type: ignore[union-attr]
    assert base > max(priorities().values())
