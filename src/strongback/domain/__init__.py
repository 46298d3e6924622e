"""The pure domain core: vocabularies, catalog, tempo, log values, progression, planning.

It imports nothing from storage, interchange, services, cli or web. Names are exported lazily
(PEP 562) so that importing one small module, such as the errors, does not load the catalog.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from strongback.domain.catalog import Catalog, load_catalog
    from strongback.domain.errors import (
        CatalogError,
        ImportFormatError,
        InfeasibleProfile,
        InvalidInput,
        StrongbackError,
        UnknownExercise,
        UnknownName,
    )
    from strongback.domain.exercise import Dose, Exercise, Mistake, RepRange
    from strongback.domain.profile import UserProfile
    from strongback.domain.tempo import METHOD_TEMPO, Tempo
    from strongback.domain.training_log import PerformedSet, Workout
    from strongback.domain.vocab import (
        Equipment,
        Goal,
        Laterality,
        Level,
        Muscle,
        Pattern,
        Section,
        SetType,
        Side,
        WeightUnit,
    )

_WHERE = {
    "Catalog": "catalog",
    "load_catalog": "catalog",
    "CatalogError": "errors",
    "ImportFormatError": "errors",
    "InfeasibleProfile": "errors",
    "InvalidInput": "errors",
    "StrongbackError": "errors",
    "UnknownExercise": "errors",
    "UnknownName": "errors",
    "Dose": "exercise",
    "Exercise": "exercise",
    "Mistake": "exercise",
    "RepRange": "exercise",
    "UserProfile": "profile",
    "METHOD_TEMPO": "tempo",
    "Tempo": "tempo",
    "PerformedSet": "training_log",
    "Workout": "training_log",
    "Equipment": "vocab",
    "Goal": "vocab",
    "Laterality": "vocab",
    "Level": "vocab",
    "Muscle": "vocab",
    "Pattern": "vocab",
    "Section": "vocab",
    "SetType": "vocab",
    "Side": "vocab",
    "WeightUnit": "vocab",
}


def __getattr__(name: str) -> Any:
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'strongback.domain' has no attribute {name!r}") from None
    return getattr(importlib.import_module(f"strongback.domain.{module}"), name)


__all__ = [
    "METHOD_TEMPO",
    "Catalog",
    "CatalogError",
    "Dose",
    "Equipment",
    "Exercise",
    "Goal",
    "ImportFormatError",
    "InfeasibleProfile",
    "InvalidInput",
    "Laterality",
    "Level",
    "Mistake",
    "Muscle",
    "Pattern",
    "PerformedSet",
    "RepRange",
    "Section",
    "SetType",
    "Side",
    "StrongbackError",
    "Tempo",
    "UnknownExercise",
    "UnknownName",
    "UserProfile",
    "WeightUnit",
    "Workout",
    "load_catalog",
]
