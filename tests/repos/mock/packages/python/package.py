# Feature: the interpreter that extensions (py-ext, py-sample) extend.
from rpm_spec.repo.api import *


class Python(Package):
    """Fake Python interpreter."""

    homepage = "https://example.com/python"
    url = "https://example.com/python-3.12.tar.gz"

    version("3.12", sha256="06d4dc8cdbf3665ede2a57add8c500cddb9669b9240bcc9492e9a2fc7efec759")
    version("3.11", sha256="c701f967d8aa958a5dbcac0d42b150980c329c04b1d22ca6116884b016c4e179")
    version("3.10", sha256="5b6fbb7d1f2e5289be9d228270bf164ae9994a296f72108c3b97f123b1bed273")
