"""The words of a plan: why each item is there, session titles and the plan's notes."""

from __future__ import annotations

from collections.abc import Iterable

from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan_profile import PlanProfile
from strongback.domain.planning.principles import Intensity, Requirement, is_drill
from strongback.domain.vocab import Pattern

PAIN_RULE = "only if pain stays at or under 3/10"

_PATTERN_REASON: dict[Pattern, str] = {
    Pattern.VERTICAL_PULL: "vertical pull: every week has one, done early as a compound pull",
    Pattern.HORIZONTAL_PULL: "horizontal pull: rows pair with the vertical pull every week",
    Pattern.REAR_DELT: "rear-delt accessory: not optional in a back program",
    Pattern.SHOULDER_ELEVATION: "upper-back volume: traps and delts toward the weekly band",
    Pattern.BACK_EXTENSION: "lower-back work: back extensions build erector endurance",
    Pattern.HIP_HINGE: "lower-back work: a hip hinge loads the erectors and the posterior chain",
    Pattern.SQUAT: "squat pattern: legs under a braced, upright torso",
    Pattern.SPLIT_SQUAT: "unilateral work: one leg at a time evens out the sides",
    Pattern.ANTI_EXTENSION: "mobility-core: the core keeps the spine still (anti-extension)",
    Pattern.ANTI_ROTATION: "mobility-core: the core resists rotation to protect the spine",
    Pattern.MOBILITY: "mobility-core: weekly mobility for hips, hamstrings and thoracic spine",
}

_SHORT: dict[Pattern, str] = {
    Pattern.VERTICAL_PULL: "vertical pull",
    Pattern.HORIZONTAL_PULL: "row",
    Pattern.REAR_DELT: "rear delts",
    Pattern.SHOULDER_ELEVATION: "traps",
    Pattern.BACK_EXTENSION: "back extension",
    Pattern.HIP_HINGE: "hinge",
    Pattern.SQUAT: "squat",
    Pattern.SPLIT_SQUAT: "split squat",
    Pattern.ANTI_EXTENSION: "core",
    Pattern.ANTI_ROTATION: "core",
    Pattern.MOBILITY: "mobility",
}


def item_reason(
    exercise: Exercise,
    phase: str,
    back_pain: bool,
    missing: frozenset[Requirement],
    gentle: bool,
) -> str:
    """One line naming the rule or principle that put the item in the plan."""
    reason = _PATTERN_REASON.get(exercise.pattern, "back volume toward the weekly band")
    if exercise.pattern is Pattern.HORIZONTAL_PULL and Requirement.VERTICAL_PULL in missing:
        reason = "horizontal pull, also standing in for the vertical pull the equipment cannot give"
    elif exercise.pattern is Pattern.VERTICAL_PULL and Requirement.HORIZONTAL_PULL in missing:
        reason = "vertical pull, also standing in for the row the equipment cannot give"
    if (
        exercise.laterality.value != "bilateral"
        and not is_drill(exercise)
        and exercise.pattern is not Pattern.SPLIT_SQUAT
    ):
        reason += "; one side at a time evens out imbalances"
    if is_drill(exercise) and back_pain:
        reason = "back pain: two mobility-core items every session; " + reason.split(": ", 1)[-1]
    if gentle:
        reason = (
            "loaded hinge back after the first two weeks, lighter: " + PAIN_RULE
            if exercise.pattern is Pattern.HIP_HINGE
            else "back extension back after the first two weeks, lighter: " + PAIN_RULE
        )
    if phase == "deload" and not is_drill(exercise):
        reason += "; deload: half the sets at 4 reps in reserve to shed fatigue"
    return reason[0].upper() + reason[1:]


def session_title(exercises: Iterable[Exercise], intensity: Intensity | None, phase: str) -> str:
    """A short title: the day's loading and its main movements."""
    labels: list[str] = []
    for e in exercises:
        label = _SHORT.get(e.pattern, e.pattern.value)
        if label not in labels:
            labels.append(label)
    if phase == "deload":
        head = "Deload"
    elif intensity is None:
        head = "Mobility and core"
        return head
    else:
        head = f"{intensity.value.capitalize()} day"
    return f"{head}: {', '.join(labels)}"


RECOVERY_SHARE = 0.5
"""⚙ A session under half the week's longest is a recovery day: light work by design."""


def recovery_title(title: str) -> str:
    """The title of a short session that the recovery rules keep light."""
    return f"Recovery day ({title[0].lower()}{title[1:]})"


def is_recovery(title: str) -> bool:
    """True for the title of a recovery day."""
    return title.startswith("Recovery day")


def recovery_note(days: list[int]) -> str:
    """What the plan says of its short sessions."""
    names = ", ".join(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[d - 1] for d in days)
    return (
        f"{names}: a short recovery day by design. No muscle is loaded hard two days running, so "
        "the day between harder sessions holds light work and mobility."
    )


RED_FLAGS = (
    "Stop and see a clinician now for numbness in the groin or saddle area, new trouble "
    "controlling the bladder or bowels, or weakness in both legs or a dropping foot; see one soon "
    "for back pain after a fall, with osteoporosis or long steroid use, with fever, unexplained "
    "weight loss or a history of cancer, or pain that stays at night or at rest."
)


def plan_notes(profile: PlanProfile, deloads: list[int]) -> list[str]:
    """The plan's notes: tempo, progression, deloads, back pain, when to see a professional."""
    notes = [
        "Tempo 3-2-1-2 reads lower-pause-lift-squeeze: lower for 3 s, pause 2 s, lift smoothly, "
        "squeeze 2 s at the top.",
        "Effort rises through each block: the target reps in reserve fall week to week; add load "
        "once every set reaches the top of its rep range.",
        "Brace the core before every set; chest out, shoulders down and back on every pull.",
    ]
    if deloads:
        weeks = ", ".join(str(w) for w in deloads)
        notes.append(
            f"Deload in week(s) {weeks}: same exercises and days, half the sets, 4 reps in reserve."
        )
    if profile.back_pain:
        notes.append(
            "Back pain: weeks 1-2 have no loaded hinge and no back extension; they return lighter "
            f"from week 3, {PAIN_RULE} during the set and settles by the next morning."
        )
        notes.append(RED_FLAGS)
    else:
        notes.append(
            "This is training guidance, not medical advice: stop and see a professional for pain "
            "that is sharp or radiates, comes with numbness or weakness, or follows a fall."
        )
    return notes


__all__ = [
    "PAIN_RULE",
    "RECOVERY_SHARE",
    "RED_FLAGS",
    "is_recovery",
    "item_reason",
    "plan_notes",
    "recovery_note",
    "recovery_title",
    "session_title",
]
