"""The names other apps give to the curated movements (read by the name matcher and the Strong
export)."""

from __future__ import annotations

# The app names that are the same movement as a curated entry. Kept deliberately narrow: a name is
# listed only when the movement, the load and how it is held match the curated entry (or one of
# its equipment alternatives). Left out on purpose, so they go to the extended catalog or a
# custom exercise: Chin Up (supinated grip, more biceps), Pull Up (Assisted) and Pull Up (Band)
# (the weight is assistance, not load), Bent Over Row (Dumbbell) (both arms together, while the
# curated row alternates), Romanian Deadlift (Barbell) (a barbell load is not a kettlebell one),
# Seated Row (Machine) and Reverse Fly (Machine/Cable) (other equipment, other line of pull),
# Back Extension (Machine) (a seated machine), Good Morning (Barbell) (bar on the back, not at the
# chest), Bulgarian Split Squat (weights at the sides, not goblet), Plank (no reach).
APP_ALIASES: dict[str, tuple[str, ...]] = {
    "seated-cable-row": (
        "Seated Row (Cable)",
        "Seated Cable Row",
        "Seated Cable Row (Cable)",
        "Seated Cable Row - Bar Grip",
        "Seated Cable Row - Bar Grip (Cable)",
        "Seated Cable Row - V Grip",
        "Seated Cable Row - V Grip (Cable)",
        "Cable Row",
        "Cable Seated Row",
    ),
    "pull-up": ("Pull Up", "Pull Ups", "Pull Up (Weighted)", "Weighted Pull Up", "Pullup"),
    "lat-pulldown": (
        "Lat Pulldown (Cable)",
        "Lat Pulldown (Machine)",
        "Lat Pulldown",
        "Lat Pulldown - Wide Grip (Cable)",
        "Lat Pulldown - Close Grip (Cable)",
        "Wide Grip Lat Pulldown",
        "Close Grip Lat Pulldown",
        "Cable Lat Pulldown",
    ),
    "face-pull": ("Face Pull (Cable)", "Face Pull", "Face Pull (Band)", "Cable Face Pull"),
    "prisoner-back-extension": (
        "Back Extension",
        "Back Extension (Bodyweight)",
        "Back Extension (Hyperextension)",
        "Back Extension (Weighted Hyperextension)",
        "Hyperextension",
        "Hyperextensions",
        "Prisoner Back Extension",
    ),
    "incline-dumbbell-row": (
        "Incline Row (Dumbbell)",
        "Chest Supported Incline Row (Dumbbell)",
        "Chest Supported Row (Dumbbell)",
        "Incline Dumbbell Row",
        "Chest Supported Dumbbell Row",
    ),
    "upright-row": (
        "Upright Row (Barbell)",
        "Upright Row (Dumbbell)",
        "Upright Row (Kettlebell)",
        "Upright Row",
        "Barbell Upright Row",
        "Dumbbell Upright Row",
    ),
    "alternating-dumbbell-row": (
        "Alternating Dumbbell Row",
        "Bent Over Row - Alternating (Dumbbell)",
        "Alternating Bent Over Row (Dumbbell)",
    ),
    "bent-over-reverse-flye": (
        "Reverse Fly (Dumbbell)",
        "Rear Delt Reverse Fly (Dumbbell)",
        "Bent Over Reverse Fly (Dumbbell)",
        "Bent Over Reverse Fly",
        "Bent Over Lateral Raise (Dumbbell)",
        "Rear Delt Fly (Dumbbell)",
    ),
    "landmine-one-arm-row": (
        "Single Arm Landmine Row",
        "Single Arm Landmine Row (Barbell)",
        "One Arm Landmine Row",
        "Landmine One Arm Row",
    ),
    "suitcase-deadlift": ("Suitcase Deadlift (Kettlebell)", "Suitcase Deadlift (Dumbbell)"),
    "kettlebell-rdl": (
        "Romanian Deadlift (Kettlebell)",
        "Romanian Deadlift (Dumbbell)",
        "Kettlebell Romanian Deadlift",
        "Dumbbell Romanian Deadlift",
        "Kettlebell RDL",
        "Dumbbell RDL",
    ),
    "goblet-squat": (
        "Goblet Squat (Kettlebell)",
        "Goblet Squat (Dumbbell)",
        "Goblet Squat",
        "Kettlebell Goblet Squat",
        "Dumbbell Goblet Squat",
    ),
    "goblet-bulgarian-split-squat": ("Goblet Bulgarian Split Squat",),
    "needle-arm-thread": ("Thread the Needle", "Thread The Needle Stretch"),
    "half-kneeling-hip-flexor-stretch": (
        "Kneeling Hip Flexor Stretch",
        "Half Kneeling Hip Flexor Stretch",
    ),
    "pallof-press": ("Pallof Press", "Pallof Press (Cable)", "Pallof Press (Band)"),
}


__all__ = ["APP_ALIASES"]
