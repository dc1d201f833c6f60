from rpm_spec.repo.api import *


class Libevent(AutotoolsPackage):
    """libevent: an event-notification library that runs callbacks when file
    descriptors become ready, signals arrive or timeouts expire, over epoll,
    kqueue and friends."""

    homepage = "https://libevent.org"
    url = "https://github.com/libevent/libevent/releases/download/release-2.1.12-stable/libevent-2.1.12-stable.tar.gz"
    git = "https://github.com/libevent/libevent.git"

    license("BSD-3-Clause")

    version("2.1.12", sha256="92e6de1be9ec176428fd2367677e61ceffc2ee1cb119035037a27d346b0403bb")
    version("2.1.11", sha256="a65bac6202ea8c5609fd5c7e480e6d25de467ea1917c08290c521752f147283d")
    version("2.1.10", sha256="e864af41a336bb11dab1a23f32993afe963c1f69618bd9292b89ecf6904845b0")
    version("2.1.8", sha256="965cc5a8bb46ce4199a47e9b2c9e1cae3b137e8356ffdad6d94d3b9069b71dc2")

    variant("openssl", default=True, description="Build the libevent_openssl bufferevent layer")

    depends_on("openssl", when="+openssl")

    sanity_check_is_file = ["include/event2/event.h", "include/event.h"]

    def configure_args(self):
        return [*self.enable_or_disable("openssl"), "--disable-samples"]
