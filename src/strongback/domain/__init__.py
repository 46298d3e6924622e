"""The pure domain core: vocabularies, catalog, tempo, log values, progression, planning.

It imports nothing from storage, interchange, services, cli or web.
"""

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
