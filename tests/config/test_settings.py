"""Typed views of hot settings."""

from __future__ import annotations

from pathlib import Path

from rpm_spec.config import BuildSettings, ConcretizerSettings, Configuration


def test_concretizer_settings_from_the_shipped_defaults() -> None:
    assert ConcretizerSettings.from_config(Configuration.for_tests({})) == ConcretizerSettings()


def test_concretizer_settings_follow_the_configuration() -> None:
    configuration = Configuration.for_tests(
        {
            "concretizer": {
                "reuse": "dependencies",
                "unify": "when_possible",
                "timeout_s": 30,
            }
        }
    )
    settings = ConcretizerSettings.from_config(configuration)
    assert settings == ConcretizerSettings(
        reuse="dependencies", unify="when_possible", timeout_s=30.0
    )


def test_build_settings_expand_paths_and_cores(tmp_path: Path) -> None:
    configuration = Configuration.for_tests(
        {"config": {"install_tree": {"root": "$user_dir/opt"}, "build_stage": "/fast/stage"}},
        user_dir=tmp_path,
    )
    settings = BuildSettings.from_config(configuration, cpu_count=12)
    assert settings.install_root == tmp_path / "opt"
    assert settings.build_stage == (Path("/fast/stage"),)
    assert settings.misc_cache == tmp_path / "cache"
    assert settings.build_jobs == 12
    assert settings.checksum is True and settings.dirty is False
    assert settings.projection == "{platform}-{target}/{compiler}/{name}-{version}-{hash}"
    pinned = Configuration.for_tests({"config": {"build_jobs": 3}}, user_dir=tmp_path)
    assert BuildSettings.from_config(pinned, cpu_count=12).build_jobs == 3


def test_the_default_stage_root_and_caches_are_in_the_users_own_cache(tmp_path: Path) -> None:
    """Not ``$tempdir/$user/...``, which another local user can create first."""
    settings = BuildSettings.from_config(Configuration.for_tests({}, user_dir=tmp_path))
    assert settings.build_stage == (tmp_path / "cache" / "stage",)
    assert settings.source_cache == tmp_path / "cache" / "sources"
    assert settings.misc_cache == tmp_path / "cache"
