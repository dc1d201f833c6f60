# Source this file from bash or zsh to put rpm-spec on PATH:
#     . /path/to/rpm-spec/share/rpm-spec/setup-env.sh
# It also defines the `rpm-spec` shell function through which `rpm-spec load`
# and `rpm-spec env activate` change the current shell.

if [ -n "${BASH_SOURCE-}" ]; then
    _rpm_spec_here=${BASH_SOURCE[0]}
elif [ -n "${ZSH_VERSION-}" ]; then
    _rpm_spec_here=${(%):-%x}
else
    _rpm_spec_here=${RPM_SPEC_ROOT:-}/share/rpm-spec/setup-env.sh
fi
RPM_SPEC_ROOT=$(cd "$(dirname "$_rpm_spec_here")/../.." && pwd)
export RPM_SPEC_ROOT
unset _rpm_spec_here

case ":$PATH:" in
    *":$RPM_SPEC_ROOT/bin:"*) ;;
    *) PATH="$RPM_SPEC_ROOT/bin:$PATH"; export PATH ;;
esac

_rpm_spec_wants_help() {
    # True when the arguments ask for help (before any '--'): then there is nothing to eval.
    local _rpm_spec_arg
    for _rpm_spec_arg in "$@"; do
        case $_rpm_spec_arg in
            --) return 1 ;;
            -h|--help) return 0 ;;
        esac
    done
    return 1
}

rpm-spec() {
    # Commands that change the shell print shell code on stdout with --sh; eval it.
    # Asked for --help, they print text instead, which is shown as it is.
    case "${1-}" in
        load|unload|activate|deactivate)
            if _rpm_spec_wants_help "$@"; then
                command "$RPM_SPEC_ROOT/bin/rpm-spec" "$@"
                return
            fi
            _rpm_spec_code=$(RPM_SPEC_SHELL_FUNCTION=1 command "$RPM_SPEC_ROOT/bin/rpm-spec" "$1" --sh "${@:2}") &&
                eval "$_rpm_spec_code"
            ;;
        install)
            # Installing into the active environment may give its view new directories
            # (a Python's site-packages): activate it again, quietly, to pick them up.
            command "$RPM_SPEC_ROOT/bin/rpm-spec" "$@"
            _rpm_spec_status=$?
            if [ -n "${RPM_SPEC_ENV-}" ]; then
                _rpm_spec_code=$(RPM_SPEC_SHELL_FUNCTION=1 command "$RPM_SPEC_ROOT/bin/rpm-spec" env activate --sh "$RPM_SPEC_ENV" 2>/dev/null) &&
                    eval "$_rpm_spec_code"
            fi
            return $_rpm_spec_status
            ;;
        cd)
            # rpm-spec cd [--stage] SPEC: go to an installed prefix (or its stage directory).
            if _rpm_spec_wants_help "$@"; then
                command "$RPM_SPEC_ROOT/bin/rpm-spec" location "${@:2}"
                return
            fi
            _rpm_spec_dir=$(command "$RPM_SPEC_ROOT/bin/rpm-spec" location "${@:2}") &&
                cd "$_rpm_spec_dir"
            ;;
        env)
            case "${2-}" in
                activate|deactivate)
                    if _rpm_spec_wants_help "$@"; then
                        command "$RPM_SPEC_ROOT/bin/rpm-spec" "$@"
                        return
                    fi
                    _rpm_spec_code=$(RPM_SPEC_SHELL_FUNCTION=1 command "$RPM_SPEC_ROOT/bin/rpm-spec" env "$2" --sh "${@:3}") &&
                        eval "$_rpm_spec_code"
                    ;;
                *) command "$RPM_SPEC_ROOT/bin/rpm-spec" "$@" ;;
            esac
            ;;
        *) command "$RPM_SPEC_ROOT/bin/rpm-spec" "$@" ;;
    esac
}
