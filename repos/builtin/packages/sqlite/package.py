from rpm_spec.repo.api import *


class Sqlite(AutotoolsPackage):
    """SQLite: a small, fast, self-contained, serverless SQL database engine
    in a C library, plus the sqlite3 shell."""

    homepage = "https://www.sqlite.org"
    url = "https://www.sqlite.org/2025/sqlite-autoconf-3500400.tar.gz"

    license("blessing")

    version(
        "3.53.2",
        sha256="588ad51949419a56ebe81fe56193d510c559eb94c9a57748387860b5d3069316",
        url="https://sqlite.org/2026/sqlite-autoconf-3530200.tar.gz",
    )
    version("3.50.4", sha256="a3db587a1b92ee5ddac2f66b3edb41b26f9c867275782d46c3a088977d6a5b18")
    version("3.50.2", sha256="84a616ffd31738e4590b65babb3a9e1ef9370f3638e36db220ee0e73f8ad2156")
    version("3.46.0", sha256="6f8e6a7b335273748816f9b3b62bbdc372a889de8782d7f048c653a447417a7d")
    version("3.45.3", sha256="b2809ca53124c19c60f42bf627736eae011afdcc205bb48270a5ee9a38191531")
    version("3.44.2", sha256="1c6719a148bc41cf0f2bbbe3926d7ce3f5ca09d878f1246fcc20767b175bb407")
    version("3.42.0", sha256="7abcfd161c6e2742ca5c6c0895d1f853c940f203304a0b49da4e1eca5d088ca6")
    version("3.40.1", sha256="2c5dea207fa508d765af1ef620b637dcb06572afa6f01f0815bd5bbf864b33d9")

    variant("fts", default=True, description="Full-text search (FTS4 and FTS5)")
    variant("rtree", default=True, description="The R*Tree spatial index module")
    variant("column_metadata", default=True, description="sqlite3_column_table_name() and friends")

    depends_on("readline")  # line editing in the sqlite3 shell
    depends_on("zlib-api")

    sanity_check_is_file = ["bin/sqlite3", "include/sqlite3.h"]

    # First release of each year: the download directory is named after the release year.
    _YEARS = (("3.48", 2025), ("3.45", 2024), ("3.41", 2023), ("3.37.2", 2022))

    def url_for_version(self, version):
        text = str(version)
        parts = [int(part) for part in text.split(".")]
        if len(parts) == 3 and parts >= [3, 53]:
            return super().url_for_version(version)  # newer releases carry their own url=
        year = 2021
        for first, release_year in self._YEARS:
            if parts >= [int(part) for part in first.split(".")]:
                year = release_year
                break
        encoded = f"{parts[0]}{parts[1]:02d}{parts[2]:02d}00"
        return f"https://www.sqlite.org/{year}/sqlite-autoconf-{encoded}.tar.gz"

    def configure_args(self):
        args = [
            *self.enable_or_disable("rtree"),
            "--enable-fts4" if self.is_enabled("fts") else "--disable-fts4",
            "--enable-fts5" if self.is_enabled("fts") else "--disable-fts5",
        ]
        if self.is_enabled("column_metadata"):
            args.append("CPPFLAGS=-DSQLITE_ENABLE_COLUMN_METADATA=1")
        return args
