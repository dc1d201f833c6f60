from rpm_spec.repo.api import *


class Libxml2(AutotoolsPackage):
    """libxml2: the GNOME project's XML parser and toolkit in C (DOM, SAX,
    XPath, XInclude, schemas), with the xmllint and xmlcatalog tools."""

    homepage = "https://gitlab.gnome.org/GNOME/libxml2"
    url = "https://download.gnome.org/sources/libxml2/2.15/libxml2-2.15.3.tar.xz"
    git = "https://gitlab.gnome.org/GNOME/libxml2.git"

    license("MIT")

    version("2.15.3", sha256="78262a6e7ac170d6528ebfe2efccdf220191a5af6a6cd61ea4a9a9a5042c7a07")
    version("2.15.1", sha256="c008bac08fd5c7b4a87f7b8a71f283fa581d80d80ff8d2efd3b26224c39bc54c")
    version("2.13.9", sha256="a2c9ae7b770da34860050c309f903221c67830c86e4a7e760692b803df95143a")
    version("2.13.5", sha256="74fc163217a3964257d3be39af943e08861263c4231f9ef5b496b6f6d4c7b2b6")
    version("2.12.9", sha256="59912db536ab56a3996489ea0299768c7bcffe57169f0235e7f962a91f483590")
    version("2.11.9", sha256="780157a1efdb57188ec474dca87acaee67a3a839c2525b2214d318228451809f")

    variant("shared", default=True, description="Build the shared library")
    variant("zlib", default=True, description="Read gzip-compressed documents")
    # Off by default upstream since 2.13; HTTP support was removed in 2.15.
    variant("lzma", default=False, description="Read xz-compressed documents")
    variant("http", default=False, when="@:2.14", description="Fetch documents over HTTP")

    depends_on("pkgconfig", type="build")
    depends_on("zlib-api", when="+zlib")
    depends_on("xz", when="+lzma")

    sanity_check_is_file = ["bin/xmllint", "bin/xml2-config", "include/libxml2/libxml/parser.h"]

    def url_for_version(self, version):
        series = ".".join(str(version).split(".")[:2])
        return f"https://download.gnome.org/sources/libxml2/{series}/libxml2-{version}.tar.xz"

    def configure_args(self):
        spec = self.spec
        args = [*self.enable_or_disable("shared"), "--without-python", "--with-pic"]
        args.append(
            f"--with-zlib={spec['zlib-api'].prefix}"
            if spec.satisfies("+zlib")
            else "--without-zlib"
        )
        args.append(
            f"--with-lzma={spec['xz'].prefix}" if spec.satisfies("+lzma") else "--without-lzma"
        )
        args += self.with_or_without("http")
        return args
