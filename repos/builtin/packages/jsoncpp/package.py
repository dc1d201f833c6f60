from rpm_spec.repo.api import *


class Jsoncpp(MesonPackage):
    """JsonCpp: a C++ library for reading, writing and manipulating JSON
    values, optionally keeping comments."""

    homepage = "https://github.com/open-source-parsers/jsoncpp"
    url = "https://github.com/open-source-parsers/jsoncpp/archive/1.9.6.tar.gz"
    git = "https://github.com/open-source-parsers/jsoncpp.git"

    license("MIT OR Public-Domain")

    version("1.9.6", sha256="f93b6dd7ce796b13d02c108bc9f79812245a82e577581c4c9aabe57075c90ea2")
    version("1.9.5", sha256="f409856e5920c18d0c2fb85276e24ee607d2a09b5e7d5f0a371368903c275da2")
    version("1.9.4", sha256="e34a628a8142643b976c7233ef381457efad79468c67cb1ae0b83a33d7493999")

    # Built with Meson, not its CMakeLists: CMake's ~ownlibs build depends on jsoncpp.
    depends_on("meson@0.49:", type="build")
    depends_on("meson@0.56:", type="build", when="@1.9.6:")

    sanity_check_is_file = ["include/json/json.h"]

    def meson_args(self):
        return [self.define("tests", False)]
