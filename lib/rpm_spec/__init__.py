"""rpm-spec: a source-based package manager for HPC and GPU clusters.

Importing this package has no side effects; it only names the version.
"""

__version__ = "0.1.0"
