"""The names other apps give to the curated movements (read by the name matcher and the Strong
export), and to the common lifts of the extended catalog (read by the name matcher)."""

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


# The names apps give the big lifts, and how FitNotes and JEFIT write them, for the extended
# catalog's entry of the same movement and load. Without them "Deadlift" or "Barbell Row" became
# a custom exercise with no muscles or cues. Same rule as above: the movement, the load and how
# it is held match; "Pendlay Row" (a dead stop each rep) and "Dips" (chest or triceps) stay out.
EXTENDED_APP_ALIASES: dict[str, tuple[str, ...]] = {
    "bent-over-barbell-row": (
        "Barbell Row",
        "Bent Over Row",
        "Barbell Bent Over Row",
        "Bent Over Barbell Row",
        "Bent Over Row (Barbell)",
    ),
    "barbell-bench-press-medium-grip": (
        "Bench Press",
        "Bench Press (Barbell)",
        "Barbell Bench Press",
        "Flat Barbell Bench Press",
        "Flat Bench Press",
    ),
    "dumbbell-bench-press": (
        "Dumbbell Bench Press",
        "Flat Dumbbell Bench Press",
        "Bench Press (Dumbbell)",
    ),
    "barbell-incline-bench-press-medium-grip": (
        "Incline Bench Press",
        "Incline Bench Press (Barbell)",
        "Incline Barbell Bench Press",
    ),
    "incline-dumbbell-press": (
        "Incline Bench Press (Dumbbell)",
        "Incline Dumbbell Bench Press",
        "Incline Dumbbell Press",
    ),
    "standing-military-press": (
        "Overhead Press",
        "Overhead Press (Barbell)",
        "Barbell Overhead Press",
        "Standing Overhead Press",
        "Military Press",
        "Strict Press",
    ),
    "dumbbell-shoulder-press": (
        "Overhead Press (Dumbbell)",
        "Dumbbell Overhead Press",
        "Shoulder Press (Dumbbell)",
        "Dumbbell Shoulder Press",
    ),
    "one-arm-dumbbell-row": (
        "Dumbbell Row",
        "One Arm Dumbbell Row",
        "Single Arm Dumbbell Row",
        "Dumbbell Row (Single Arm)",
        "Dumbbell One Arm Row",
    ),
    "bent-over-two-dumbbell-row": ("Bent Over Row (Dumbbell)", "Dumbbell Bent Over Row"),
    "t-bar-row-with-handle": ("T-Bar Row", "T Bar Row", "T-Bar Row (Barbell)"),
    "barbell-deadlift": (
        "Deadlift",
        "Deadlift (Barbell)",
        "Barbell Deadlift",
        "Conventional Deadlift",
    ),
    "stiff-legged-barbell-deadlift": (
        "Stiff Leg Deadlift",
        "Stiff Legged Deadlift",
        "Stiff Leg Deadlift (Barbell)",
    ),
    "barbell-squat": (
        "Squat",
        "Squat (Barbell)",
        "Back Squat",
        "Back Squat (Barbell)",
        "Barbell Squat",
        "Barbell Back Squat",
    ),
    "front-barbell-squat": ("Front Squat", "Front Squat (Barbell)", "Barbell Front Squat"),
    "side-lateral-raise": (
        "Lateral Raise",
        "Lateral Raise (Dumbbell)",
        "Dumbbell Lateral Raise",
        "Side Lateral Raise",
    ),
    "barbell-curl": ("Bicep Curl (Barbell)", "Barbell Curl", "Barbell Bicep Curl"),
    # The free-exercise-db's "Ab Roller" is the ab wheel rolled out from the knees.
    "ab-roller": (
        "Ab Wheel",
        "Ab Wheel Rollout",
        "Ab-Wheel Rollout",
        "Ab Rollout",
        "Ab Wheel (Bodyweight)",
    ),
}


__all__ = ["APP_ALIASES", "EXTENDED_APP_ALIASES"]
