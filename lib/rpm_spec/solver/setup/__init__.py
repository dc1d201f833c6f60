"""Problem → facts, one module per concern; ``translation.py`` runs the steps in order.

Must not import store/, build/, environment/, session or cli/ (see the solver's
``__init__``). ``logic/README.md`` lists every fact these modules produce.
"""

from rpm_spec.solver.setup.translation import Translation, translate

__all__ = ["Translation", "translate"]
