"""The free-exercise-db vocabulary: its muscle, equipment, category, force, mechanic and level
words as strongback reads them, the entries that are a curated movement, and the name patterns
that decide equipment."""

from __future__ import annotations

import re
from collections.abc import Mapping

from strongback.domain.vocab import Equipment, Level, Muscle

MUSCLES: Mapping[str, tuple[Muscle, ...]] = {
    "abdominals": (Muscle.ABDOMINALS,),
    "abductors": (Muscle.ABDUCTORS,),
    "adductors": (Muscle.ADDUCTORS,),
    "biceps": (Muscle.BICEPS,),
    "calves": (Muscle.CALVES,),
    "chest": (Muscle.CHEST,),
    "forearms": (Muscle.FOREARMS,),
    "glutes": (Muscle.GLUTES,),
    "hamstrings": (Muscle.HAMSTRINGS,),
    "lats": (Muscle.LATS,),
    "lower back": (Muscle.ERECTOR_SPINAE,),
    "middle back": (Muscle.RHOMBOIDS, Muscle.TRAPS),
    "neck": (Muscle.NECK,),
    "quadriceps": (Muscle.QUADS,),
    "shoulders": (Muscle.DELTOIDS,),
    "traps": (Muscle.TRAPS,),
    "triceps": (Muscle.TRICEPS,),
}

# None means "nothing needed".
EQUIPMENT: Mapping[str, Equipment | None] = {
    "body only": None,
    "dumbbell": Equipment.DUMBBELLS,
    "barbell": Equipment.BARBELL,
    "e-z curl bar": Equipment.BARBELL,
    "kettlebells": Equipment.KETTLEBELL,
    "cable": Equipment.CABLE_STATION,
    "machine": Equipment.MACHINE,
    "bands": Equipment.BAND,
    "medicine ball": Equipment.OTHER,
    "exercise ball": Equipment.OTHER,
    "foam roll": Equipment.OTHER,
    "other": Equipment.OTHER,
}

# Equipment that puts an external load on the movement.
LOADING_EQUIPMENT = frozenset(
    {"dumbbell", "barbell", "e-z curl bar", "kettlebells", "cable", "machine", "bands"}
    | {"medicine ball"}
)

CATEGORIES = frozenset(
    {
        "strength",
        "stretching",
        "plyometrics",
        "strongman",
        "powerlifting",
        "cardio",
        "olympic weightlifting",
    }
)
FORCES = frozenset({"push", "pull", "static"})
MECHANICS = frozenset({"compound", "isolation"})
LEVELS: Mapping[str, Level] = {
    "beginner": Level.BEGINNER,
    "intermediate": Level.INTERMEDIATE,
    "expert": Level.ADVANCED,
}

# Records that describe a curated movement under another name, decided one by one: same
# movement, same body position, equipment among the curated alternatives. Records whose slug
# equals a curated id (Face Pull, Goblet Squat, Pallof Press) are matched without a line here.
# Left apart on purpose: chest-supported "Reverse Flyes" (the curated flye is bent over),
# "Bent Over Two-Dumbbell Row" (both arms at once), barbell "Good Morning" and "Romanian
# Deadlift" (the curated ones hold a kettlebell), "One-Arm Side Deadlift" (barbell),
# "Split Squat with Dumbbells" (weights at the sides, not goblet), "Weighted Pull Ups" and
# "Chin-Up" (a different load and grip), "Iron Crosses (stretch)" (lying face down, bent knee).
SAME_AS: Mapping[str, str] = {
    "Pullups": "pull-up",
    "Wide-Grip Lat Pulldown": "lat-pulldown",
    "Seated Cable Rows": "seated-cable-row",
    "Hyperextensions (Back Extensions)": "prisoner-back-extension",
    "Dumbbell Incline Row": "incline-dumbbell-row",
    "Upright Barbell Row": "upright-row",
    "Standing Dumbbell Upright Row": "upright-row",
    "One-Arm Long Bar Row": "landmine-one-arm-row",
    "Bent Over One-Arm Long Bar Row": "landmine-one-arm-row",
    "Kneeling Hip Flexor": "half-kneeling-hip-flexor-stretch",
}

_PULL_UP_BAR = re.compile(
    r"\b(?:pull ?ups?|chin ?ups?|chins?|muscle ?ups?|hanging|scapular pull)\b"
)
_PULLDOWN = re.compile(r"\bpull ?downs?\b")
_EXTENSION_BENCH = re.compile(r"\bhyper ?extensions?\b|\bback extensions?\b")
_GLUTE_HAM = re.compile(r"\bglute ham raises?\b")
_NO_BENCH = re.compile(r"\bno (?:\w+ )?bench\b")
_BENCH = re.compile(r"\bbench\b|\bincline\b|\bdecline\b")
_LOADED_NAME = re.compile(
    r"\bweighted\b|\bplate\b|\bsled\b|\bstones?\b|\bkeg\b|\blog\b|\byoke\b|\bsandbag\b"
    r"|\bcar\b|\btire\b|\bchains?\b|\bsledgehammer\b|\brickshaw\b|\bconan\b|\baxle\b"
    r"|\bfarmers?\b|\bcircus bell\b|\bwrist roller\b|\btrap bar\b|\bconans?\b"
)


__all__ = [
    "CATEGORIES",
    "EQUIPMENT",
    "FORCES",
    "LEVELS",
    "LOADING_EQUIPMENT",
    "MECHANICS",
    "MUSCLES",
    "SAME_AS",
]
