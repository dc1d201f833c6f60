from rpm_spec.repo.api import *


class PyPyyaml(PythonPackage):
    """PyYAML: a YAML 1.1 parser and emitter for Python, with optional fast
    bindings to the libyaml C library (CLoader/CDumper)."""

    homepage = "https://pyyaml.org/"
    url = "https://files.pythonhosted.org/packages/source/p/pyyaml/pyyaml-6.0.3.tar.gz"
    git = "https://github.com/yaml/pyyaml.git"

    license("MIT")

    version("6.0.3", sha256="d76623373421df22fb4cf8817020cbb7ef15c725b9d5e45f17e189bfc384190f")
    version("6.0.2", sha256="d584d9ec91ad65861cc08d42e834324ef890a082e591037abe114850ff7bbc3e")
    version(
        "6.0.1",
        sha256="bfdf460b1736c775f2ba9f6a92bca30bc2095067b8a9d77876d1fad6cc3b4a43",
        url="https://files.pythonhosted.org/packages/source/P/PyYAML/PyYAML-6.0.1.tar.gz",
    )

    # setup.py builds the _yaml extension when Cython and libyaml are found
    # and falls back to pure Python otherwise.
    variant("libyaml", default=True, description="Build the libyaml bindings (yaml.CLoader)")

    depends_on("python@3.8:", type=("build", "run"), when="@6.0.2:")
    depends_on("python@3.6:", type=("build", "run"))
    depends_on("py-setuptools", type="build")
    depends_on("py-wheel", type="build", when="@:6.0.2")
    with when("+libyaml"):
        depends_on("libyaml")
        # The sdist ships the binding as _yaml.pyx only.
        depends_on("py-cython", type="build")
        depends_on("py-cython@:2", type="build", when="@:6.0.1")
        depends_on("py-cython@3:", type="build", when="@6.0.2: ^python@3.13:")
