"""The slow path of ``bin/rpm-spec``: create the private environment, then run.

``bin/rpm-spec`` (POSIX sh) execs the venv's Python directly when the venv exists
and its stamps match ``requirements/*.txt``; otherwise it runs this script with
any python3 (3.10+), which creates the virtual environment (``~/.rpm-spec/bootstrap``
or ``$RPM_SPEC_BOOTSTRAP``), installs the pinned dependencies, writes the stamps
and execs the command. It imports nothing from rpm_spec.
"""

import os
import sys

if sys.version_info < (3, 10):
    sys.stderr.write("Error: rpm-spec needs Python 3.10 or newer (this is %d.%d)\n"
                     % sys.version_info[:2])
    sys.exit(1)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
LIB = os.path.join(ROOT, "lib")
REQUIREMENTS = os.path.join(ROOT, "requirements")


def _bootstrap_dir() -> str:
    configured = os.environ.get("RPM_SPEC_BOOTSTRAP")
    if configured:
        return os.path.abspath(os.path.expanduser(configured))
    return os.path.join(os.path.expanduser("~"), ".rpm-spec", "bootstrap")


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read()
    except OSError:
        return ""


def _venv_python(boot: str) -> str:
    return os.path.join(boot, "bin", "python")


def _ensure(boot: str, sets: "list[str]") -> str:
    """Make sure the venv exists and holds each requirement set; return its python."""
    python = _venv_python(boot)
    missing = []
    for name in sets:
        wanted = _read(os.path.join(REQUIREMENTS, name + ".txt"))
        if _read(os.path.join(boot, ".stamp-" + name)) != wanted or not os.path.exists(python):
            missing.append((name, wanted))
    if not missing:
        return python
    return _install(boot, python, missing)


def _install(boot: str, python: str, missing: "list[tuple[str, str]]") -> str:
    import subprocess

    names = ", ".join(name for name, _ in missing)
    sys.stderr.write("==> rpm-spec: installing pinned %s dependencies into %s (once)\n"
                     % (names, boot))
    os.makedirs(boot, exist_ok=True)
    log_path = os.path.join(boot, "bootstrap.log")
    with open(log_path, "a", encoding="utf-8") as log:
        def run(cmd: "list[str]") -> None:
            log.write("$ " + " ".join(cmd) + "\n")
            log.flush()
            if subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT) != 0:
                log.close()
                tail = _read(log_path).splitlines()[-15:]
                sys.stderr.write("Error: bootstrapping rpm-spec failed: %s\n  %s\n"
                                 "  full log: %s\n" % (" ".join(cmd), "\n  ".join(tail),
                                                      log_path))
                sys.exit(1)

        if not os.path.exists(python):
            run([sys.executable, "-m", "venv", boot])
            run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"])
        for name, wanted in missing:
            run([python, "-m", "pip", "install", "-q", "-r",
                 os.path.join(REQUIREMENTS, name + ".txt")])
            with open(os.path.join(boot, ".stamp-" + name), "w", encoding="utf-8") as stamp:
                stamp.write(wanted)
    return python


def main() -> None:
    args = sys.argv[1:]
    boot = _bootstrap_dir()
    sets = ["runtime"]
    if args[:1] == ["unit-test"]:
        sets.append("test")
    try:
        if args[:1] == ["_bootstrap"]:
            # Used by .ci/run: ensure extra sets (e.g. lint, test) and print the venv's python.
            print(_ensure(boot, sets + args[1:]))
            return
        python = _ensure(boot, sets)
    except OSError as error:
        # No permission, a read-only or full file system: say where, and the way out.
        sys.stderr.write("Error: cannot write %s: %s\n"
                         "  hint: rpm-spec installs its Python dependencies in %s; set "
                         "RPM_SPEC_BOOTSTRAP to a directory you can write\n"
                         % (error.filename or boot, error.strerror or error, boot))
        sys.exit(1)
    os.execv(python, [python, "-I", "-c", RUN, LIB, *args])


#: What the venv's Python runs; the same text as in bin/rpm-spec.
RUN = ("import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'rpm-spec'; "
       "from rpm_spec.cli.main import main; main()")


if __name__ == "__main__":
    main()
