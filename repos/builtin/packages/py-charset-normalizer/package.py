from rpm_spec.repo.api import *


class PyCharsetNormalizer(PythonPackage):
    """charset-normalizer: detects the encoding of unknown text; Requests
    uses it to decode responses. Built as pure Python (the optional compiled
    speed-ups are opt-in upstream)."""

    homepage = "https://github.com/jawah/charset_normalizer"
    url = (
        "https://files.pythonhosted.org/packages/source/c/charset_normalizer/"
        "charset_normalizer-3.5.2.tar.gz"
    )

    license("MIT")

    version("3.5.2", sha256="39de2a259fc954455c57274dc94c79d5842774e1247a016aff30bc0efed0f4ef")
    version("3.4.9", sha256="673611bbd43f0810bec0b0f028ddeaaa501190339cac411f347ac76917c3ae7b")
    version("3.4.4", sha256="94537985111c35f28720e43603b8e7b43a6ecfb2ce1d3058bbe955b73404e21a")

    depends_on("python@3.7:", type=("build", "run"))
    # Upper bounds of the in-tree build hook's setuptools requirement.
    depends_on("py-setuptools@68:84.0", type="build", when="@3.5")
    depends_on("py-setuptools@68:83.0", type="build", when="@3.4.9:3.4")
    depends_on("py-setuptools@68:81.0.0", type="build", when="@:3.4.8")

    sanity_check_is_file = ["bin/normalizer"]
