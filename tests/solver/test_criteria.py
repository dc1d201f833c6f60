"""The optimization order: declared once (criteria.py), written down (logic/CRITERIA.md),
used by the logic program (optimization.lp), and one behavioural test per level.

Each level's test pits it against a lower level where the mock repo allows: the
result is what the higher level wants, at the lower level's expense. reference is tested
in test_retarget.py, builds in test_reuse_and_hashes.py, target_mismatches in
cases/compilers_targets.yaml (what a retargeted dependency links) and test_reuse_exact.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.platform import HostInfo
from rpm_spec.session import Session, fake_compiler
from rpm_spec.solver import Problem, concretize
from rpm_spec.solver.criteria import CRITERIA, priorities
from rpm_spec.solver.preferences import preferences_from_config
from rpm_spec.solver.program import logic_text
from rpm_spec.spec import parse_spec, parse_specs

if TYPE_CHECKING:
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
TABLE = Path(__file__).resolve().parents[2] / "lib/rpm_spec/solver/logic/CRITERIA.md"


# -- the order, written down ---------------------------------------------------------------


def test_priorities_follow_the_declared_order() -> None:
    ranked = priorities()
    values = [ranked[c.name] for c in CRITERIA]
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(values)
    assert min(values) > 0


def test_every_criterion_is_minimized_and_nothing_else() -> None:
    text = logic_text("optimization.lp")
    minimized = re.findall(r"#minimize\s*\{[^}]*\}", text)
    assert minimized
    used = [re.findall(r'criterion\("([a-z_]+)"', statement) for statement in minimized]
    assert all(len(names) == 1 for names in used), "one criterion per #minimize"
    assert {names[0] for names in used} == {c.name for c in CRITERIA}


def _table_rows() -> list[list[str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].isdigit():
            rows.append(cells)
    return rows


def test_the_table_beside_the_lp_files_lists_the_levels_in_order() -> None:
    rows = _table_rows()
    assert [int(row[0]) for row in rows] == list(range(1, len(CRITERIA) + 1))
    assert [row[1].strip("`") for row in rows] == [c.name for c in CRITERIA]


def test_the_table_says_what_each_level_counts_as_criteria_py_does() -> None:
    for row, criterion in zip(_table_rows(), CRITERIA, strict=True):
        assert row[2] == criterion.description


def test_the_table_names_the_minimized_atoms_of_each_level() -> None:
    """Each row's last column names the atoms its #minimize statements sum over."""
    text = logic_text("optimization.lp")
    for row in _table_rows():
        name = row[1].strip("`")
        statements = [
            s for s in re.findall(r"#minimize\s*\{[^}]*\}", text) if f'criterion("{name}"' in s
        ]
        for atom in re.findall(r"`([a-z_]+)`", row[3]):
            assert any(atom in s for s in statements), f"{name}: {atom} is not minimized"


def test_errors_rank_above_every_criterion() -> None:
    soft = logic_text("errors_soft.lp")
    base = int(re.search(r"1@(\d+)\+Pr", soft).group(1))  # type: ignore[union-attr]
    assert base > max(priorities().values())


# -- one behavioural test per level --------------------------------------------------------


def _session(tmp_path: Path, packages: dict[str, Any], compilers: list[str] | None) -> Session:
    config: dict[str, Any] = {"packages": packages}
    if compilers is not None:
        config["compilers"] = [fake_compiler(text) for text in compilers]
    host = HostInfo(platform="linux", os="debian12", target="zen3")
    return Session.for_tests(tmp_path, repos=[MOCK], config=config, host=host)


def _solve(
    tmp_path: Path,
    request: str,
    packages: dict[str, Any] | None = None,
    *,
    compilers: list[str] | None = None,
    reference: ConcreteDag | None = None,
    installed: tuple[ConcreteSpec, ...] = (),
) -> ConcreteDag:
    session = _session(tmp_path, packages or {}, compilers)
    problem = Problem(
        roots=tuple(parse_specs(request)),
        host=session.host,
        compilers=tuple(session.compilers),
        preferences=preferences_from_config(session.config),
        reference=reference,
        installed=installed,
    )
    return concretize(problem, session.repos).dag


def _node(dag: ConcreteDag, name: str) -> ConcreteSpec:
    node = dag.by_name(name)
    assert node is not None, f"{name} not in {sorted(n.name for n in dag.nodes.values())}"
    return node


def _meets(dag: ConcreteDag, name: str, constraint: str) -> bool:
    return _node(dag, name).satisfies(parse_spec(f"{name} {constraint}"))


def test_requirement_order_beats_preferences(tmp_path: Path) -> None:
    packages = {"polyglot": {"require": [{"one_of": ["@1.0", "@2.1"]}], "prefer": ["@2.1"]}}
    assert _meets(_solve(tmp_path, "polyglot", packages), "polyglot", "@1.0")


def test_preferences_beat_deprecated(tmp_path: Path) -> None:
    packages = {"deprecated-newest": {"prefer": ["@2.0"]}}
    assert _meets(_solve(tmp_path, "deprecated-newest", packages), "deprecated-newest", "@2.0")


def test_deprecated_beats_the_reference(tmp_path: Path) -> None:
    lock = _solve(tmp_path / "a", "deprecated-newest@2.0")
    dag = _solve(tmp_path / "b", "deprecated-newest", reference=lock)
    assert _meets(dag, "deprecated-newest", "@1.1")


def test_the_reference_beats_version_age_of_roots(tmp_path: Path) -> None:
    lock = _solve(tmp_path / "a", "polyglot", {"polyglot": {"version": ["1.0"]}})
    assert _meets(_solve(tmp_path / "b", "polyglot", reference=lock), "polyglot", "@1.0")


def test_version_age_of_roots_beats_their_variant_defaults(tmp_path: Path) -> None:
    # default-shift@2.0 defaults to +shared; this conflict makes 2.0 cost a non-default.
    packages = {"default-shift": {"conflict": ["@2: +shared"]}}
    dag = _solve(tmp_path, "default-shift", packages)
    assert _meets(dag, "default-shift", "@2.0 ~shared")


def test_variant_defaults_of_roots_beat_those_of_non_roots(tmp_path: Path) -> None:
    # hdf5's default +compression now needs a non-default zlib+pic.
    packages = {"hdf5": {"conflict": ["+compression ^zlib~pic"]}}
    dag = _solve(tmp_path, "hdf5", packages)
    assert _meets(dag, "hdf5", "+compression")
    assert _meets(dag, "zlib", "+pic")


def test_provider_preferences_of_roots_count_where_the_root_provides(tmp_path: Path) -> None:
    """A root that is the chosen provider: its provider preference is counted at the
    root level (here, only zmpi may be built, so it is chosen as a root)."""
    text = logic_text("optimization.lp")
    (statement,) = [
        s for s in re.findall(r"#minimize\s*\{[^}]*\}", text) if 'criterion("providers_roots"' in s
    ]
    assert 'attr("root", P)' in statement and 'attr("provider", V, P)' in statement
    packages = {"all": {"providers": {"mpi": ["mpich", "zmpi"]}}, "mpich": {"buildable": False}}
    dag = _solve(tmp_path, "mpileaks zmpi", packages)
    assert _node(dag, "zmpi").hash in dag.roots


def test_variant_defaults_of_non_roots_beat_provider_preferences(tmp_path: Path) -> None:
    # mpich, the preferred provider, would need its non-default +fortran.
    packages = {
        "all": {"providers": {"mpi": ["mpich", "zmpi"]}},
        "mpich": {"conflict": ["~fortran"]},
    }
    dag = _solve(tmp_path, "mpileaks", packages)
    assert dag.by_name("zmpi") is not None
    assert dag.by_name("mpich") is None


def test_provider_preferences_beat_version_age_of_non_roots(tmp_path: Path) -> None:
    # zmpi, the preferred provider, can only be its older 1.0.
    packages = {"all": {"providers": {"mpi": ["zmpi", "mpich"]}}, "zmpi": {"conflict": ["@2.0"]}}
    dag = _solve(tmp_path, "mpileaks", packages)
    assert _meets(dag, "zmpi", "@1.0")
    assert dag.by_name("mpich") is None


def test_version_age_of_non_roots_beats_compiler_preferences(tmp_path: Path) -> None:
    packages = {"all": {"compiler": ["clang"]}, "zlib": {"conflict": ["@1.3.1 %clang"]}}
    dag = _solve(tmp_path, "hdf5", packages)
    assert _meets(dag, "zlib", "@1.3.1 %gcc")
    assert _meets(dag, "hdf5", "%clang")


def test_compiler_preferences_of_roots_beat_those_of_non_roots(tmp_path: Path) -> None:
    packages = {"all": {"compiler": ["gcc"]}, "mpileaks": {"compiler": ["clang"]}}
    dag = _solve(tmp_path, "mpileaks", packages)
    assert _meets(dag, "mpileaks", "%clang")


def test_compiler_preferences_of_non_roots_beat_targets(tmp_path: Path) -> None:
    # gcc@8 cannot emit zen3 code: zlib's preferred compiler lowers the DAG's target.
    packages = {"zlib": {"compiler": ["gcc@8"]}}
    dag = _solve(tmp_path, "hdf5", packages, compilers=["gcc@8.5.0", "gcc@12.2.0"])
    assert _meets(dag, "zlib", "%gcc@8.5.0")
    assert _meets(dag, "hdf5", "%gcc@12.2.0")
    assert _node(dag, "hdf5").target != "zen3"


def test_targets_beat_target_mismatches_and_builds_beat_them_too(tmp_path: Path) -> None:
    # As in Spack, an install for an older compatible target is reused (builds rank above
    # target_mismatches), while the nodes that are built still take the best target.
    older = _solve(tmp_path / "a", "zlib target=x86_64_v3").root_specs[0]
    dag = _solve(tmp_path / "b", "hdf5", installed=(older,))
    assert _node(dag, "zlib").hash == older.hash
    assert _node(dag, "hdf5").target == "zen3"


def test_targets_pick_the_newest_allowed_target(tmp_path: Path) -> None:
    dag = _solve(tmp_path, "zlib")
    assert _node(dag, "zlib").target == "zen3"


def test_builds_are_minimized(tmp_path: Path) -> None:
    installed = _solve(tmp_path / "a", "zlib").root_specs[0]
    dag = _solve(tmp_path / "b", "hdf5", installed=(installed,))
    assert _node(dag, "zlib").hash == installed.hash
