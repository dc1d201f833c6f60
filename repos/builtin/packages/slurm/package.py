from rpm_spec.repo.api import *

#: Release → the GitHub tag's packaging suffix (slurm-<release with dashes>-<n>).
_TAG_RELEASE = {"21.08.8": "2"}


class Slurm(AutotoolsPackage):
    """Slurm: SchedMD's open-source workload manager (slurmctld, slurmd,
    srun, sbatch, ...), the batch system of most HPC clusters.

    Meant to be used as an external: the cluster's Slurm daemons, plugins and
    configuration must match the client tools and the PMI libraries that MPI
    links against, so register the installed one with
    ``rpm-spec external find slurm`` (it runs ``srun --version``) instead of
    building a second copy. Building it here gives the libraries and tools for
    development or a test cluster; the daemons still need root, MUNGE keys
    and a slurm.conf."""

    homepage = "https://slurm.schedmd.com"
    url = "https://github.com/SchedMD/slurm/archive/slurm-25-05-1-1.tar.gz"
    git = "https://github.com/SchedMD/slurm.git"

    license("GPL-2.0-or-later")

    version("25.05.1", sha256="b568c761a6c9d72358addb3bb585456e73e80a02214ce375d2de8534f9ddb585")
    version("24.11.6", sha256="282708483326f381eb001a14852a1a82e65e18f37b62b7a5f4936c0ed443b600")
    version("23.11.11", sha256="e9234e664ce30be206f73c0ff1a5f33e0ce32be35ece812eac930fcaa9da2c2f")
    version("23.02.7", sha256="3f60ad5b5a492312d1febb9f9167caa3aee7f8438bb032590a993f5a65c5e4db")
    version("22.05.9", sha256="c9aaa2362b5bf7a4745c8bf90e8dd2ca50802f1241dd1f5220aec8448c09b514")
    version("21.08.8", sha256="876d7dfa716990d7e579cfb9c6ffc123258e03a1450e993ade596d2ee90afcdd")

    variant("readline", default=True, description="Line editing in scontrol/sacctmgr")
    variant("hwloc", default=False, description="Topology-aware task placement through hwloc")
    variant("pmix", default=False, description="The PMIx plugin (srun --mpi=pmix)")
    variant("hdf5", default=False, description="Job profiling to HDF5 (acct_gather_profile)")
    variant("nvml", default=False, description="Detect NVIDIA GPUs through NVML (gres)")
    variant(
        "sysconfdir",
        default="prefix",
        values=("prefix", "etc-slurm"),
        description="Where slurm.conf is read from: the prefix's etc/ or /etc/slurm",
    )

    depends_on("munge")
    depends_on("json-c")
    depends_on("lz4")
    depends_on("curl")
    depends_on("openssl")
    depends_on("zlib-api")
    depends_on("pkgconfig", type="build")
    depends_on("readline", when="+readline")
    depends_on("hwloc", when="+hwloc")
    depends_on("hdf5", when="+hdf5")
    depends_on("cuda", when="+nvml")
    depends_on("pmix@:5", when="@22.05: +pmix")
    depends_on("pmix@:3", when="@:21.08 +pmix")

    sanity_check_is_file = ["bin/srun", "bin/sbatch", "include/slurm/slurm.h"]

    def url_for_version(self, version):
        text = str(version)
        release = _TAG_RELEASE.get(text, "1")
        return f"https://github.com/SchedMD/slurm/archive/slurm-{text.replace('.', '-')}-{release}.tar.gz"

    def configure_args(self):
        spec = self.spec
        args = [
            f"--with-munge={spec['munge'].prefix}",
            f"--with-json={spec['json-c'].prefix}",
            f"--with-lz4={spec['lz4'].prefix}",
            f"--with-libcurl={spec['curl'].prefix}",
            f"--with-ssl={spec['openssl'].prefix}",
            f"--with-zlib={spec['zlib-api'].prefix}",
            "--disable-gtktest",
            "--disable-slurmrestd",
            "--with-readline" if spec.satisfies("+readline") else "--without-readline",
        ]
        for name in ("hwloc", "pmix"):
            args.append(
                f"--with-{name}={spec[name].prefix}"
                if spec.satisfies(f"+{name}")
                else f"--without-{name}"
            )
        if spec.satisfies("+hdf5"):
            args.append(f"--with-hdf5={spec['hdf5'].prefix / 'bin' / 'h5cc'}")
        else:
            args.append("--without-hdf5")
        if spec.satisfies("+nvml"):
            args.append(f"--with-nvml={spec['cuda'].prefix}")
        if spec.satisfies("sysconfdir=etc-slurm"):
            args.append("--sysconfdir=/etc/slurm")
        return args
