"""Green architectural tactics for ML-enabled systems: the catalog, demos and energy measurement."""

from tactics.catalog import Catalog, Caveat, Effect, Evidence, Source, Tactic, load_catalog
from tactics.errors import CatalogError, UserError

__all__ = [
    "Catalog",
    "CatalogError",
    "Caveat",
    "Effect",
    "Evidence",
    "Source",
    "Tactic",
    "UserError",
    "load_catalog",
]
__version__ = "0.1.0"
