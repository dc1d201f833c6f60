from rpm_spec.repo.api import *


class Prrte(AutotoolsPackage):
    """PRRTE, the PMIx Reference RunTime Environment: a launcher and daemon
    runtime (prterun, prte) that Open MPI 5 uses for mpirun."""

    homepage = "https://github.com/openpmix/prrte"
    url = "https://github.com/openpmix/prrte/releases/download/v4.1.0/prrte-4.1.0.tar.bz2"
    git = "https://github.com/openpmix/prrte.git"

    license("BSD-3-Clause-Open-MPI")

    version("4.1.0", sha256="285ad62b670075708b9fcfe14c54baa599733bc274d10502a82e8eebba0b7c70")
    version("4.0.0", sha256="3c2ec961e0ba0c99128c7bf3545f4789d55a85a70ce958e868ae5e3db6ed4de4")
    version("3.0.11", sha256="37af5a82d333a54c0bac358f06c194427b7dbfa7b8b85f2ddd1145acf71cfdd4")
    version("3.0.10", sha256="f5525d88937a5664ab5248a7c05e9ee51389937cd0993398e8270ed5cf53d638")
    version("3.0.9", sha256="29766b5c81faa6320625ab0670a0b24b2b75f5cf1abe4aa7f3bad56487a6a7e1")
    version("3.0.6", sha256="83b6b37e21b315f069d69faa4686dcec3306225b48fdfe64588dec33e6063e72")

    variant(
        "schedulers",
        default="auto",
        values=("auto", "none", "slurm", "sge"),
        multi=True,
        description="Resource managers to launch under; 'auto' lets configure decide",
    )

    depends_on("pkgconfig", type="build")
    depends_on("pmix")
    # Minimum PMIx per PRRTE series (openpmix/prrte#1758, #2369); 3.x does not build with 6.x.
    depends_on("pmix@4.2.4:5", when="@3")
    depends_on("pmix@6:", when="@4.0")
    depends_on("pmix@6.1:", when="@4.1:")
    depends_on("libevent")
    depends_on("hwloc")

    conflicts("schedulers=auto", when="schedulers=none", msg="'auto' and 'none' exclude")
    for _scheduler in ("slurm", "sge"):
        conflicts("schedulers=auto", when=f"schedulers={_scheduler}", msg="list or use 'auto'")
        conflicts("schedulers=none", when=f"schedulers={_scheduler}", msg="list or use 'none'")

    sanity_check_is_file = ["bin/prterun", "bin/prte"]

    def configure_args(self):
        spec = self.spec
        args = [
            "--enable-shared",
            "--disable-sphinx",
            f"--with-pmix={spec['pmix'].prefix}",
            f"--with-hwloc={spec['hwloc'].prefix}",
            f"--with-libevent={spec['libevent'].prefix}",
        ]
        if not spec.satisfies("schedulers=auto"):
            for name in ("slurm", "sge"):
                on = spec.satisfies(f"schedulers={name}")
                args.append(f"--with-{name}" if on else f"--without-{name}")
        return args
