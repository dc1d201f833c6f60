from rpm_spec.repo.api import *


class Libffi(AutotoolsPackage):
    """libffi: a portable foreign-function interface that builds calls to
    arbitrary C functions at run time from a description of their signature."""

    homepage = "https://sourceware.org/libffi/"
    url = "https://github.com/libffi/libffi/releases/download/v3.4.4/libffi-3.4.4.tar.gz"
    git = "https://github.com/libffi/libffi.git"

    license("MIT")

    version("3.5.2", sha256="f3a3082a23b37c293a4fcd1053147b371f2ff91fa7ea1b2a52e335676bac82dc")
    version("3.4.8", sha256="bc9842a18898bfacb0ed1252c4febcc7e78fa139fd27fdc7a3e30d9d9356119b")
    version("3.4.7", sha256="138607dee268bdecf374adf9144c00e839e38541f75f24a1fcf18b78fda48b2d")
    version("3.4.6", sha256="b0dea9df23c863a7a50e825440f3ebffabd65df1497108e5d437747843895a4e")
    version("3.4.5", sha256="96fff4e589e3b239d888d9aa44b3ff30693c2ba1617f953925a70ddebcc102b2")
    version("3.4.4", sha256="d66c56ad259a82cf2a9dfc408b32bf5da52371500b84745f7fb8b645712df676")
    version("3.4.2", sha256="540fb721619a6aba3bdeef7d940d8e9e0e6d2c193595bc243241b77ff9e93620")

    conflicts("%apple-clang@17:", when="@:3.4.6", msg="Apple Clang 17 needs libffi 3.4.7 or newer")

    sanity_check_is_file = ["include/ffi.h", "include/ffitarget.h"]

    def configure_args(self):
        # --without-gcc-arch: the compiler wrappers already add the target's -march.
        return ["--with-pic", "--without-gcc-arch", "--disable-docs"]
