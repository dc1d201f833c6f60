from rpm_spec.repo.api import *


class PyCertifi(PythonPackage):
    """certifi: Mozilla's curated bundle of root CA certificates, packaged for
    validating TLS connections from Python."""

    homepage = "https://github.com/certifi/python-certifi"
    url = "https://files.pythonhosted.org/packages/source/c/certifi/certifi-2026.10.18.tar.gz"

    license("MPL-2.0")

    version(
        "2026.10.18", sha256="b9995d97b64d0431a5af837d8ca8cd6238104d1f319f04bd93ea43124d6c861e"
    )
    version("2026.1.4", sha256="ac726dd470482006e014ad384921ed6438c457018f4b3d204aea4281258b2120")
    version(
        "2025.11.12", sha256="d8ab5478f2ecd78af242878415affce761ca6bc54a22a27e026d7c25357c3316"
    )
    version("2025.8.3", sha256="e564105f78ded564e3ae7c923924435e1daa7463faeab5bb932bc53ffae63407")

    depends_on("python@3.7:", type=("build", "run"))
    depends_on("py-setuptools@42:", type="build")
