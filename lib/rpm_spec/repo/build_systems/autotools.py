"""GNU Autotools: ``autoreconf`` (when needed), ``configure``, ``make``, ``make install``."""

from __future__ import annotations

from collections.abc import Callable

from rpm_spec.repo.package import PackageBase

#: ``activation_value``: ``"prefix"`` (the dependency's prefix) or a function of the option.
Activation = str | Callable[[str], str | None] | None


class AutotoolsPackage(PackageBase):
    """A package with a ``configure`` script; recipes override :meth:`configure_args`."""

    build_system = "autotools"
    phases = ("autoreconf", "configure", "build", "install")

    def configure_args(self) -> list[str]:
        """Arguments for ``configure`` beyond ``--prefix``."""
        return []

    def enable_or_disable(self, variant: str, activation_value: Activation = None) -> list[str]:
        """``--enable-X``/``--disable-X`` for a variant (one flag per value if multi-valued)."""
        return self._flags(variant, "enable", "disable", activation_value)

    def with_or_without(self, variant: str, activation_value: Activation = None) -> list[str]:
        """``--with-X``/``--without-X`` for a variant (one flag per value if multi-valued)."""
        return self._flags(variant, "with", "without", activation_value)

    def _flags(self, variant: str, on: str, off: str, activation: Activation) -> list[str]:
        declarations = self.variant_declarations(variant)
        if not declarations:
            raise ValueError(f"{type(self).__name__} has no variant '{variant}'")
        active = self.variant_values(variant)
        if active is None:  # a conditional variant that does not apply to this spec
            return []
        allowed = declarations[-1].values
        if declarations[-1].boolean:
            options = {variant: self.is_enabled(variant)}
        elif allowed is None:
            raise ValueError(f"variant '{variant}' takes free-form values; no flags to derive")
        else:
            options = {value: value in active for value in allowed if value != "none"}
        flags = []
        for option, enabled in options.items():
            name = option.replace("_", "-")
            if not enabled:
                flags.append(f"--{off}-{name}")
                continue
            suffix = self._activation_suffix(option, activation)
            flags.append(f"--{on}-{name}{suffix}")
        return flags

    def _activation_suffix(self, option: str, activation: Activation) -> str:
        if activation is None:
            return ""
        if activation == "prefix":
            return f"={self.spec[option].prefix}"
        if isinstance(activation, str):
            raise ValueError(
                f"unknown activation_value {activation!r}; use 'prefix' or a function"
            )
        value = activation(option)
        return "" if value is None else f"={value}"
