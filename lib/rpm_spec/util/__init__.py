"""Domain-free helpers (file system, locks, hashing, terminal, suggestions).

Must not import any other rpm_spec package except ``rpm_spec.errors``.
"""
