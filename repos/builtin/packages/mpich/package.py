from rpm_spec.repo.api import *


class Mpich(AutotoolsPackage, CudaPackage):
    """MPICH: Argonne's high-performance, portable MPI implementation and the
    base of many vendor MPIs; networking through libfabric (OFI) or UCX."""

    homepage = "https://www.mpich.org"
    url = "https://www.mpich.org/static/downloads/4.3.2/mpich-4.3.2.tar.gz"
    git = "https://github.com/pmodels/mpich.git"

    license("mpich2")

    version("5.0.1", sha256="8c1832a13ddacf071685069f5fadfd1f2877a29e1a628652892c65211b1f3327")
    version("5.0.0", sha256="e9350e32224283e95311f22134f36c98e3cd1c665d17fae20a6cc92ed3cffe11")
    version("4.3.2", sha256="47d774587a7156a53752218c811c852e70ac44db9c502dc3f399b4cb817e3818")
    version("4.3.1", sha256="acc11cb2bdc69678dc8bba747c24a28233c58596f81f03785bf2b7bb7a0ef7dc")
    version("4.3.0", sha256="5e04132984ad83cab9cc53f76072d2b5ef5a6d24b0a9ff9047a8ff96121bcc63")
    version("4.2.3", sha256="7a019180c51d1738ad9c5d8d452314de65e828ee240bcb2d1f80de9a65be88a8")
    version("4.2.2", sha256="883f5bb3aeabf627cb8492ca02a03b191d09836bbe0f599d8508351179781d41")
    version("4.1.2", sha256="3492e98adab62b597ef0d292fb2459b6123bc80070a8aa0a30be6962075a12f0")
    version("4.0.3", sha256="17406ea90a6ed4ecd5be39c9ddcbfac9343e6ab4f77ac4e8c5ebe4a3e3b6c501")
    version("3.4.3", sha256="8154d89f3051903181018166678018155f4c2b6f04a9bb6fe9515656452c4fd7")
    version("3.3.2", sha256="4bfaf8837a54771d3e4922c84071ef80ffebddbb6971a006038d91ee7ef959b9")

    variant(
        "device",
        default="ch4",
        values=("ch4", "ch3", "ch3:sock"),
        description="Abstract device: ch4 (current), ch3 (legacy), ch3:sock (sockets only)",
    )
    variant(
        "netmod",
        default="ofi",
        values=("ofi", "ucx", "tcp"),
        description="Network module of the device (ignored for ch3:sock)",
    )
    variant(
        "pmi",
        default="default",
        values=("default", "pmi", "pmi2", "pmix"),
        description="Process-manager interface the library talks to",
    )
    variant("hydra", default=True, description="Build the Hydra process manager (mpiexec)")
    variant("romio", default=True, description="Build ROMIO, the MPI-IO implementation")
    variant("fortran", default=True, description="Build the Fortran bindings")
    variant("hwloc", default=True, description="Use an external hwloc instead of the bundled one")
    variant("pci", default=True, description="PCI device discovery (through hwloc/libpciaccess)")
    variant("libxml2", default=True, description="Use libxml2 in the bundled topology code")
    variant("wrapperrpath", default=True, description="Compiler wrappers add RPATHs")
    variant("vci", default=False, when="@4: device=ch4", description="Per-VCI critical sections")
    variant(
        "datatype_engine",
        default="auto",
        values=("auto", "yaksa", "dataloop"),
        when="@3.4:",
        description="Datatype engine for packing non-contiguous data",
    )

    provides("mpi@:5.0", when="@5:")
    provides("mpi@:4.1", when="@4.2:4")
    provides("mpi@:4.0", when="@4.0:4.1")
    provides("mpi@:3.1", when="@3.2:3")

    depends_on("pkgconfig", type="build")
    depends_on("python@3:", type="build", when="@5:")  # the bundled yaksa generates code
    depends_on("hwloc@2:", when="@3.3: +hwloc")
    depends_on("hwloc@2: +cuda", when="@3.3: +hwloc +cuda")
    depends_on("libfabric", when="netmod=ofi")
    depends_on("libfabric@1.5:", when="@3.4: device=ch4 netmod=ofi")
    depends_on("libfabric+cuda", when="netmod=ofi +cuda")
    depends_on("ucx", when="netmod=ucx")
    depends_on("ucx+cuda", when="netmod=ucx +cuda")
    depends_on("libpciaccess", when="@3.3: +pci platform=linux")
    depends_on("libxml2", when="@3.3: +libxml2")
    depends_on("pmix", when="pmi=pmix")

    conflicts("netmod=tcp", when="device=ch4", msg="ch4 has no tcp netmod; use ofi")
    conflicts("netmod=ucx", when="device=ch3", msg="ch3 has no ucx netmod")
    conflicts("pmi=pmix", when="device=ch3", msg="PMIx needs the ch4 device")
    conflicts("pmi=pmix", when="device=ch3:sock", msg="PMIx needs the ch4 device")
    conflicts("pmi=pmix", when="+hydra", msg="Hydra does not speak PMIx; use ~hydra")
    conflicts("+cuda", when="@:3.3", msg="GPU support starts with MPICH 3.4")
    conflicts("+cuda", when="device=ch3", msg="GPU support needs the ch4 device")
    conflicts("+cuda", when="device=ch3:sock", msg="GPU support needs the ch4 device")
    conflicts("datatype_engine=dataloop", when="+cuda", msg="GPU buffers need yaksa")
    conflicts("datatype_engine=yaksa", when="device=ch3", msg="yaksa is ch4-only")

    sanity_check_is_file = ["bin/mpicc", "bin/mpichversion", "include/mpi.h"]

    def configure_args(self):
        spec = self.spec
        args = [
            "--enable-shared",
            "--disable-silent-rules",
            "--with-pm=" + ("hydra" if spec.satisfies("+hydra") else "no"),
            *self.enable_or_disable("romio"),
            *self.enable_or_disable("fortran"),
            *self.enable_or_disable("libxml2"),
            "--enable-wrapper-rpath=" + ("yes" if spec.satisfies("+wrapperrpath") else "no"),
            "--with-slurm=no",
        ]
        hwloc = str(spec["hwloc"].prefix) if spec.satisfies("+hwloc") else "embedded"
        args.append(("--with-hwloc=" if spec.satisfies("@4:") else "--with-hwloc-prefix=") + hwloc)
        args += self._device_args()
        args += self._pmi_args()
        if spec.satisfies("+cuda"):
            args.append(f"--with-cuda={spec['cuda'].prefix}")
        elif not spec.satisfies("@3.4:3.4.3"):  # those releases reject --without-cuda
            args.append("--without-cuda")
        if spec.satisfies("+vci"):
            args.append("--enable-thread-cs=per-vci")
        engine = self.variant_values("datatype_engine")
        if engine is not None:
            args.append(f"--with-datatype-engine={engine[0]}")
        return args

    def _device_args(self):
        spec = self.spec
        if spec.satisfies("device=ch3:sock"):
            return ["--with-device=ch3:sock"]
        device = "ch4" if spec.satisfies("device=ch4") else "ch3:nemesis"
        netmod = self.variant_values("netmod")[0]
        args = [f"--with-device={device}:{netmod}"]
        if netmod == "ofi":
            args.append(f"--with-libfabric={spec['libfabric'].prefix}")
        elif netmod == "ucx":
            args.append(f"--with-ucx={spec['ucx'].prefix}")
        return args

    def _pmi_args(self):
        spec = self.spec
        pmi = self.variant_values("pmi")[0]
        if pmi == "default":
            return []
        if spec.satisfies("@4.2:"):  # the option was redesigned in 4.2
            args = [f"--with-pmi={pmi}"]
            if pmi == "pmix":
                args.append(f"--with-pmix={spec['pmix'].prefix}")
            return args
        if pmi == "pmix":
            return [f"--with-pmix={spec['pmix'].prefix}"]
        return ["--with-pmi=" + ("simple" if pmi == "pmi" else "pmi2/simple")]
