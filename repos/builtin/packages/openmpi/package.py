from rpm_spec.repo.api import *


class Openmpi(AutotoolsPackage, CudaPackage):
    """Open MPI: an open-source MPI implementation developed by a consortium
    of academic, research and industry partners, with pluggable transports
    (UCX, libfabric, shared memory) and launchers (PRRTE, Slurm, SGE)."""

    homepage = "https://www.open-mpi.org"
    url = "https://download.open-mpi.org/release/open-mpi/v5.0/openmpi-5.0.10.tar.bz2"
    git = "https://github.com/open-mpi/ompi.git"

    license("BSD-3-Clause-Open-MPI")

    version("5.0.10", sha256="0acecc4fc218e5debdbcb8a41d182c6b0f1d29393015ed763b2a91d5d7374cc6")
    version("5.0.9", sha256="dfb72762531170847af3e4a0f21d77d7b23cf36f67ce7ce9033659273677d80b")
    version("5.0.8", sha256="53131e1a57e7270f645707f8b0b65ba56048f5b5ac3f68faabed3eb0d710e449")
    version("5.0.7", sha256="119f2009936a403334d0df3c0d74d5595a32d99497f9b1d41e90019fee2fc2dd")
    version("5.0.6", sha256="bd4183fcbc43477c254799b429df1a6e576c042e74a2d2f8b37d537b2ff98157")
    version("5.0.5", sha256="6588d57c0a4bd299a24103f4e196051b29e8b55fbda49e11d5b3d32030a32776")
    version("4.1.8", sha256="466f68e3132a1dc02710cc2011fafced8336d98359fa2dae4dddcfd5719f12a9")
    version("4.1.7", sha256="54a33cb7ad81ff0976f15a6cc8003c3922f0f3d8ceed14e1813ef3603f22cd34")
    version("4.1.6", sha256="f740994485516deb63b5311af122c265179f5328a0d857a567b85db00b11e415")
    version("4.1.5", sha256="a640986bc257389dd379886fdae6264c8cfa56bc98b71ce3ae3dfbd8ce61dbe3")
    version("4.0.7", sha256="7d3ecc8389161eb721982c855f89c25dca289001577a01a439ae97ce872be997")
    version("3.1.6", sha256="50131d982ec2a516564d74d5616383178361c2f08fdd7d1202b80bdf66a0d279")

    variant(
        "fabrics",
        default="auto",
        values=("auto", "none", "ucx", "ofi", "cma"),
        multi=True,
        description="Network transports to build; 'auto' lets configure look for them",
    )
    variant(
        "schedulers",
        default="auto",
        values=("auto", "none", "slurm", "sge"),
        multi=True,
        description="Resource managers to integrate with; 'auto' lets configure decide",
    )
    variant("fortran", default=True, description="Build the Fortran bindings (mpifort)")
    variant("cxx", default=False, when="@:4", description="Build the removed C++ bindings")
    variant("romio", default=True, description="Build ROMIO, the MPI-IO implementation")
    variant("static", default=False, description="Also build static libraries")
    variant("wrapper_rpath", default=True, description="Compiler wrappers add RPATHs")
    variant("openshmem", default=False, description="Build the OpenSHMEM layer (oshmem)")
    variant("ipv6", default=False, when="@4:", description="Enable IPv6 for TCP transports")
    variant("internal_hwloc", default=False, description="Use the bundled hwloc")
    variant("internal_pmix", default=False, when="@4:", description="Use the bundled PMIx/PRRTE")
    variant("internal_libevent", default=False, description="Use the bundled libevent")

    provides("mpi@:3.1", when="@2:")

    depends_on("pkgconfig", type="build")
    depends_on("zlib-api")
    depends_on("hwloc@2:", when="@4: ~internal_hwloc")
    depends_on("hwloc@:1", when="@:3 ~internal_hwloc")
    depends_on("hwloc+cuda", when="+cuda ~internal_hwloc")
    depends_on("libevent@2:", when="~internal_libevent")
    with when("~internal_pmix"):
        depends_on("pmix@3.2:", when="@4")
        depends_on("pmix@:4.2.2", when="@:4.1.5")
        depends_on("pmix@4.2.4:", when="@5:")
        # An external PMIx must come with an external PRRTE (open-mpi/ompi#13275).
        depends_on("prrte", when="@5:", type=("build", "link", "run"))
        # Open MPI 5.0.x bundles (and is tested with) the PRRTE 3.0 series.
        depends_on("prrte@3.0", when="@5.0")
    depends_on("ucx@1.9:", when="fabrics=ucx")
    depends_on("ucx+cuda", when="fabrics=ucx +cuda")
    depends_on("libfabric", when="fabrics=ofi")
    depends_on("libfabric@1", when="@:4.0 fabrics=ofi")

    conflicts("fabrics=auto", when="fabrics=none", msg="'auto' and 'none' exclude each other")
    for _fabric in ("ucx", "ofi", "cma"):
        conflicts("fabrics=auto", when=f"fabrics={_fabric}", msg="list fabrics or use 'auto'")
        conflicts("fabrics=none", when=f"fabrics={_fabric}", msg="list fabrics or use 'none'")
    for _scheduler in ("slurm", "sge"):
        conflicts("schedulers=auto", when=f"schedulers={_scheduler}", msg="list or use 'auto'")
        conflicts("schedulers=none", when=f"schedulers={_scheduler}", msg="list or use 'none'")
    conflicts("schedulers=auto", when="schedulers=none", msg="'auto' and 'none' exclude")
    # The bundled PMIx can only be combined with the bundled hwloc and libevent.
    conflicts("+internal_hwloc", when="~internal_pmix", msg="external PMIx needs external hwloc")
    conflicts(
        "+internal_libevent", when="~internal_pmix", msg="external PMIx needs external libevent"
    )
    conflicts("+cuda", when="@:1.6", msg="CUDA support starts with Open MPI 1.7")

    sanity_check_is_file = ["bin/mpicc", "bin/mpirun", "bin/ompi_info", "include/mpi.h"]

    def url_for_version(self, version):
        series = ".".join(str(version).split(".")[:2])
        return (
            f"https://download.open-mpi.org/release/open-mpi/v{series}/openmpi-{version}.tar.bz2"
        )

    def configure_args(self):
        spec = self.spec
        args = [
            "--enable-shared",
            "--disable-silent-rules",
            *self.enable_or_disable("static"),
            *self.enable_or_disable("wrapper_rpath"),
            "--enable-mpi-fortran" if spec.satisfies("+fortran") else "--disable-mpi-fortran",
            "--enable-io-romio" if spec.satisfies("+romio") else "--disable-io-romio",
            "--enable-oshmem" if spec.satisfies("+openshmem") else "--disable-oshmem",
        ]
        if spec.satisfies("@:4"):
            args.append("--enable-mpi-cxx" if spec.satisfies("+cxx") else "--disable-mpi-cxx")
        if spec.satisfies("@4:"):
            args += self.enable_or_disable("ipv6")
        for name, internal in (("hwloc", "internal_hwloc"), ("libevent", "internal_libevent")):
            args.append(
                f"--with-{name}=internal"
                if self.is_enabled(internal)
                else f"--with-{name}={spec[name].prefix}"
            )
        if spec.satisfies("@4:"):
            if spec.satisfies("+internal_pmix"):
                args.append("--with-pmix=internal")
                if spec.satisfies("@5:"):
                    args.append("--with-prrte=internal")
            else:
                args.append(f"--with-pmix={spec['pmix'].prefix}")
                if spec.satisfies("@5:"):
                    args.append(f"--with-prrte={spec['prrte'].prefix}")
        args += self._fabric_args()
        args += self._scheduler_args()
        if spec.satisfies("+cuda"):
            args.append(f"--with-cuda={spec['cuda'].prefix}")
        else:
            args.append("--without-cuda")
        return args

    def _fabric_args(self):
        spec = self.spec
        if spec.satisfies("fabrics=auto"):
            return []
        ofi = "ofi" if spec.satisfies("@5:") else "libfabric"
        args = []
        for fabric, option, dependency in (
            ("ucx", "ucx", "ucx"),
            ("ofi", ofi, "libfabric"),
            ("cma", "cma", None),
        ):
            if not spec.satisfies(f"fabrics={fabric}"):
                args.append(f"--without-{option}")
            elif dependency:
                args.append(f"--with-{option}={spec[dependency].prefix}")
            else:
                args.append(f"--with-{option}")
        return args

    def _scheduler_args(self):
        spec = self.spec
        if spec.satisfies("schedulers=auto"):
            return []
        return [
            f"--with-{name}" if spec.satisfies(f"schedulers={name}") else f"--without-{name}"
            for name in ("slurm", "sge")
        ]
