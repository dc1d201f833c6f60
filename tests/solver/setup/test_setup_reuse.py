"""Externals (and buildable: false), and installed specs reused whole."""

from __future__ import annotations

import pytest
from setup_fakes import encoder, installed, named

from rpm_spec.solver.errors import SolverInputError
from rpm_spec.solver.inputs import ExternalEntry, PackagePreferences
from rpm_spec.solver.setup.reuse import declare_externals, declare_installed


def test_an_external_imposes_its_version_and_variants() -> None:
    enc = encoder()
    own = PackagePreferences(
        buildable=False,
        externals=(ExternalEntry("cmake@3.27.1 +ownlibs", "/usr", "packages.yaml:5"),),
    )
    found = declare_externals(enc.facts, enc, "cmake", own)
    assert named(enc.facts, "not_buildable") == [("cmake",)]
    ((eid, entry),) = found.entries.items()
    assert entry == ("cmake", own.externals[0])
    ((_, cid),) = named(enc.facts, "external_condition")
    assert str(enc.origins[cid]) == "external cmake@3.27.1 +ownlibs at /usr (packages.yaml:5)"
    imposed = named(enc.facts, "imposed")
    assert (cid, "version_satisfies", "cmake", "=3.27.1") in imposed
    assert (cid, "variant_value", "cmake", "ownlibs", "true") in imposed
    assert found.versions == [("cmake", "3.27.1")]
    assert enc.log.versions["cmake"] == {"=3.27.1"}
    assert named(enc.facts, "external_entry") == [(eid, "cmake")]


def test_an_external_must_name_one_version() -> None:
    enc = encoder()
    own = PackagePreferences(externals=(ExternalEntry("cmake@3:", "/usr", "packages.yaml:5"),))
    with pytest.raises(SolverInputError, match=r"must name one version"):
        declare_externals(enc.facts, enc, "cmake", own)


def test_installed_specs_are_reused_by_hash_with_their_dependencies() -> None:
    zlib = installed("zlib", "1.3")
    app = installed("app", deps=[zlib])
    orphan = installed("orphan", deps=[installed("gone")])
    enc = encoder()
    found = declare_installed(enc.facts, enc, [app, zlib, orphan], {"app", "zlib", "orphan"})
    assert set(found.specs) == {app.hash, zlib.hash}
    assert sorted(named(enc.facts, "installed")) == sorted(
        [(app.hash, "app"), (zlib.hash, "zlib")]
    )
    cid = dict(named(enc.facts, "reuse_condition"))[app.hash]
    imposed = named(enc.facts, "imposed")
    assert named(enc.facts, "installed_dep") == [(app.hash, "zlib", zlib.hash, "build,link")]
    assert (cid, "node_target_satisfies", "app", "zen3") in imposed
    assert ("zlib", "1.3") in found.versions


def test_specs_alike_but_for_their_dependencies_share_one_condition() -> None:
    zlib_a, zlib_b = (
        installed("zlib", "1.3", variants={"pic": ("true",)}),
        installed("zlib", "1.3"),
    )
    app_a, app_b = installed("app", deps=[zlib_a]), installed("app", deps=[zlib_b])
    enc = encoder()
    declare_installed(enc.facts, enc, [app_a, app_b, zlib_a, zlib_b], {"app", "zlib"})
    conditions = dict(named(enc.facts, "reuse_condition"))
    assert conditions[app_a.hash] == conditions[app_b.hash]
    assert conditions[zlib_a.hash] != conditions[zlib_b.hash]  # another variant value
    assert str(enc.origins[conditions[app_a.hash]]).endswith("(one of 2 alike)")
    assert sorted(named(enc.facts, "installed_dep")) == sorted(
        [
            (app_a.hash, "zlib", zlib_a.hash, "build,link"),
            (app_b.hash, "zlib", zlib_b.hash, "build,link"),
        ]
    )


def test_outside_the_closure_nothing_is_reused() -> None:
    enc = encoder()
    assert declare_installed(enc.facts, enc, [installed("zlib")], {"app"}).specs == {}
