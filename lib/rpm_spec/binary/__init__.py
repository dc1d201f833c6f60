"""The binary cache: signed, relocatable prefixes (layer ``binary``, between store and build)."""
