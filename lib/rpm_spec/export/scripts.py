"""The two POSIX sh scripts an exported tarball carries (no bashisms: dash runs them).

``run`` finds its own directory from ``$0`` (it is executed, so ``$0`` is its path);
``activate.sh`` is sourced, where POSIX gives no portable way to know the file's path:
it uses ``$BASH_SOURCE`` or zsh's ``$0`` where the shell has one, else the current
directory when it holds ``activate.sh`` (``cd DIR && . ./activate.sh``).
"""

from __future__ import annotations

_PATHS = """\
rpm_spec_export_prepend() {
    eval "rpm_spec_export_old=\\${$1:-}"
    if [ -n "$rpm_spec_export_old" ]; then
        eval "$1=\\"\\$2:\\$rpm_spec_export_old\\""
    else
        eval "$1=\\"\\$2\\""
    fi
    export "$1"
}
rpm_spec_export_prepend PATH "$RPM_SPEC_EXPORT/view/bin"
rpm_spec_export_prepend MANPATH "$RPM_SPEC_EXPORT/view/share/man"
rpm_spec_export_prepend PKG_CONFIG_PATH "$RPM_SPEC_EXPORT/view/lib/pkgconfig"
rpm_spec_export_prepend CMAKE_PREFIX_PATH "$RPM_SPEC_EXPORT/view"
unset rpm_spec_export_old
unset -f rpm_spec_export_prepend
"""

RUN_SH = (
    """\
#!/bin/sh
# Run a command with this unpacked rpm-spec export on its paths: ./run COMMAND [ARGS...]
# (no command: a shell). Works from any directory; needs no rpm-spec.
case $0 in
    */*) rpm_spec_export_dir=${0%/*} ;;
    *) rpm_spec_export_dir=. ;;
esac
RPM_SPEC_EXPORT=$(CDPATH= cd -- "$rpm_spec_export_dir" && pwd -P) || exit 1
export RPM_SPEC_EXPORT
unset rpm_spec_export_dir
"""
    + _PATHS
    + """\
if [ "$#" -eq 0 ]; then
    exec "${SHELL:-/bin/sh}"
fi
exec "$@"
"""
)

ACTIVATE_SH = (
    """\
# Source this file to put this unpacked rpm-spec export on your paths:
#   . /path/to/export/activate.sh     (bash, zsh)
#   cd /path/to/export && . ./activate.sh   (any POSIX sh)
rpm_spec_export_file=
if [ -n "${BASH_SOURCE:-}" ]; then
    rpm_spec_export_file=$BASH_SOURCE
elif [ -n "${ZSH_VERSION:-}" ]; then
    rpm_spec_export_file=$0
elif [ -f ./activate.sh ] && [ -x ./run ]; then
    rpm_spec_export_file=./activate.sh
fi
case $rpm_spec_export_file in
    */activate.sh) ;;
    *)
        echo "activate.sh: cannot find my directory; run: cd DIR && . ./activate.sh" >&2
        rpm_spec_export_file= ;;
esac
if [ -n "$rpm_spec_export_file" ]; then
RPM_SPEC_EXPORT=$(CDPATH= cd -- "${rpm_spec_export_file%/*}" && pwd -P)
export RPM_SPEC_EXPORT
"""
    + _PATHS
    + """\
fi
unset rpm_spec_export_file
"""
)
