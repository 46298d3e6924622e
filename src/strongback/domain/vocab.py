"""The controlled vocabularies of the product. Enum values are the public slugs."""

from __future__ import annotations

from enum import StrEnum


class Muscle(StrEnum):
    """Muscles and regions the catalog names, back first, then the rest of a user's training."""

    LATS = "lats"
    TRAPS = "traps"
    RHOMBOIDS = "rhomboids"
    REAR_DELTS = "rear-delts"
    DELTOIDS = "deltoids"
    ERECTOR_SPINAE = "erector-spinae"
    OBLIQUES = "obliques"
    ABDOMINALS = "abdominals"
    TRANSVERSE_ABDOMINIS = "transverse-abdominis"
    PELVIC_FLOOR = "pelvic-floor"
    GLUTES = "glutes"
    HAMSTRINGS = "hamstrings"
    HIP_FLEXORS = "hip-flexors"
    QUADS = "quads"
    ADDUCTORS = "adductors"
    BICEPS = "biceps"
    FOREARMS = "forearms"
    ROTATOR_CUFF = "rotator-cuff"
    THORACIC_SPINE = "thoracic-spine"
    CHEST = "chest"
    TRICEPS = "triceps"
    CALVES = "calves"
    NECK = "neck"
    ABDUCTORS = "abductors"


class Equipment(StrEnum):
    """Equipment a user can own; ``machine`` and ``other`` exist for imported entries."""

    PULL_UP_BAR = "pull-up-bar"
    CABLE_STATION = "cable-station"
    LAT_PULLDOWN = "lat-pulldown"
    DUMBBELLS = "dumbbells"
    KETTLEBELL = "kettlebell"
    BARBELL = "barbell"
    BENCH = "bench"
    BACK_EXTENSION_BENCH = "back-extension-bench"
    BAND = "band"
    MAT = "mat"
    MACHINE = "machine"
    OTHER = "other"


class Pattern(StrEnum):
    """Movement patterns. The first eleven are the back method's; the rest classify any exercise."""

    VERTICAL_PULL = "vertical-pull"
    HORIZONTAL_PULL = "horizontal-pull"
    REAR_DELT = "rear-delt"
    SHOULDER_ELEVATION = "shoulder-elevation"
    BACK_EXTENSION = "back-extension"
    HIP_HINGE = "hip-hinge"
    SQUAT = "squat"
    SPLIT_SQUAT = "split-squat"
    ANTI_EXTENSION = "anti-extension"
    ANTI_ROTATION = "anti-rotation"
    MOBILITY = "mobility"
    PUSH = "push"
    ARMS = "arms"
    LEGS = "legs"
    CORE = "core"
    CARDIO = "cardio"
    OTHER = "other"


class Section(StrEnum):
    """The three sections of the curated catalog."""

    BACK = "back"
    HINGE_SQUAT = "hinge-squat"
    MOBILITY_CORE = "mobility-core"


class Laterality(StrEnum):
    """How the sides work: together, one side at a time, or taking turns."""

    BILATERAL = "bilateral"
    UNILATERAL = "unilateral"
    ALTERNATING = "alternating"


class SetType(StrEnum):
    """The kind of a performed set."""

    WARM_UP = "warm-up"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"


class WeightUnit(StrEnum):
    """The unit a load was entered in; loads are never silently converted."""

    KG = "kg"
    LB = "lb"


class Side(StrEnum):
    """The side a one-sided set was done on."""

    LEFT = "left"
    RIGHT = "right"


class Level(StrEnum):
    """Training experience, which sets volume bands and effort targets."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Goal(StrEnum):
    """What a program is built for."""

    STRENGTH = "strength"
    HYPERTROPHY = "hypertrophy"
    ENDURANCE = "endurance"
    BACK_HEALTH = "back-health"


# One pound is defined as exactly 0.45359237 kg.
KG_PER_LB = 0.45359237

__all__ = [
    "KG_PER_LB",
    "Equipment",
    "Goal",
    "Laterality",
    "Level",
    "Muscle",
    "Pattern",
    "Section",
    "SetType",
    "Side",
    "WeightUnit",
]
