"""The environment registry: namespaces of published, immutable environment versions.

A directory tree on a shared POSIX file system (DESIGN.md lesson 7)::

    <root>/access.yaml                 roles bound to POSIX groups (glob keys)
    <root>/<ns>/                       group-owned, setgid + sticky
    <root>/<ns>/policy.yaml            the namespace's admin policy (item 4 reads it)
    <root>/<ns>/<env>/versions/<N>/    immutable: manifest, lock, status.json, publish record
    <root>/<ns>/<env>/current          symlink to versions/<N>, switched by one rename(2)
    <root>/<ns>/<env>/history.jsonl    append-only, every entry signed and chained

Layer ``registry`` sits after ``modules``: it may import everything but ``session``
and ``cli``.
"""
