from rpm_spec.repo.api import *


class Libyaml(AutotoolsPackage):
    """LibYAML: a C library for parsing and emitting YAML 1.1 (the engine
    behind PyYAML's C loader and Slurm's REST daemon)."""

    homepage = "https://pyyaml.org/wiki/LibYAML"
    url = "https://pyyaml.org/download/libyaml/yaml-0.2.5.tar.gz"
    git = "https://github.com/yaml/libyaml.git"

    license("MIT")

    version("0.2.5", sha256="c642ae9b75fee120b2d96c712538bd2cf283228d2337df2cf2988e3c02678ef4")
    version("0.2.4", sha256="d80aeda8747b7c26fbbfd87ab687786e58394a8435ae3970e79cb97882e30557")
    version("0.2.2", sha256="4a9100ab61047fd9bd395bcef3ce5403365cafd55c1e0d0299cde14958e47be9")

    sanity_check_is_file = ["include/yaml.h"]
