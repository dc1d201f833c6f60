import shutil
from pathlib import Path

from rpm_spec.repo.api import *


class Ninja(Package):
    """Ninja: a small build executor focused on speed, meant to run the
    build files that generators such as CMake and Meson write for it."""

    homepage = "https://ninja-build.org/"
    url = "https://github.com/ninja-build/ninja/archive/refs/tags/v1.13.2.tar.gz"
    git = "https://github.com/ninja-build/ninja.git"

    license("Apache-2.0")

    version("1.13.2", sha256="974d6b2f4eeefa25625d34da3cb36bdcebe7fbce40f4c16ac0835fd1c0cbae17")
    version("1.13.1", sha256="f0055ad0369bf2e372955ba55128d000cfcc21777057806015b45e4accbebf23")
    version("1.13.0", sha256="f08641d00099a9e40d44ec0146f841c472ae58b7e6dd517bee3945cfd923cedf")
    version("1.12.1", sha256="821bdff48a3f683bc4bb3b6f0b5fe7b2d647cf65d52aeb63328c91a6c6df285a")
    version("1.12.0", sha256="8b2c86cd483dc7fcb7975c5ec7329135d210099a89bc7db0590a07b0bbfe49a5")
    version("1.11.1", sha256="31747ae633213f1eda3842686f83c2aa1412e0f5691d1c14dbbcc67fe7400cea")
    version("1.11.0", sha256="3c6ba2e66400fe3f1ae83deb4b235faf3137ec20bd5b08c29bfc368db143e4c6")
    version("1.10.2", sha256="ce35865411f0490368a8fc383f29071de6690cbadc27704734978221f25e2bed")

    # Bootstrapped with its configure.py, not CMake: Meson projects need ninja, and some of
    # them are dependencies of CMake itself (cmake ~ownlibs), so ninja must not need CMake.
    depends_on("python", type="build")
    # configure.py of 1.11 and older imports the `pipes` module that Python 3.13 removed.
    depends_on("python@:3.12", type="build", when="@:1.11")

    sanity_check_is_file = ["bin/ninja"]

    def install(self, spec, prefix):
        python = str(spec["python"].prefix / "bin" / "python3")
        self.run([python, "configure.py", "--bootstrap"])
        bin_dir = Path(prefix) / "bin"
        bin_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2("ninja", bin_dir / "ninja")
        # Python helpers (ninja_syntax.py) and editor support that generators use.
        shutil.copytree("misc", Path(prefix) / "misc", dirs_exist_ok=True)
