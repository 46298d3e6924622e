"""Give any exercise a movement pattern from its name and, when known, its data.

Real exercise names come from gym apps and open data sets in hundreds of spellings
("Lat Pulldown - Wide Grip (Cable)", "Pullups", "Bent Over Row (Barbell)"). The classifier is a
table of word-boundary regular expressions run over a normalised name, ordered from specific to
general; the first rule that matches wins. Where the name says nothing, the data decides: the
data set's category, then the primary muscle with the force and mechanic.

The order of the decision, and why:

1. ``SPECIFIC_RULES``: names that identify one of the back method's patterns (or a stretch) with
   little doubt. They come first because a name such as "Upright row" or "Romanian deadlift" is a
   stronger signal than a primary muscle ("shoulders", "hamstrings"). Within the table, a rule
   that overrides a broader one comes before it (upright row before row, rear-delt row before
   row, split squat before squat, deadlift before squat, clean before jerk).
2. The data set's category: ``stretching`` means mobility (a few strength holds that data sets
   file under stretching, such as the superman, keep their pattern), ``cardio`` means cardio.
3. ``GENERAL_RULES``: names of the rest of a user's training (curls, presses, raises, crunches,
   calf raises, running). A rule may list the primary muscles it fits: when the caller knows the
   primary muscles and none fits, the rule is skipped (a "pushdown" whose primary muscle is the
   lats is not an arm exercise). Words that mean cardio only in gym apps ("bike", "sprint",
   "walking") apply only when no category is known.
4. The primary muscle with force and mechanic: a pull led by the lats or the mid back is a
   horizontal pull (the names of vertical pulls were matched in step 1), traps mean shoulder
   elevation, chest and triceps presses are pushes, isolation of the arm muscles is arms, leg
   muscles are legs (a compound pull led by the hamstrings or glutes is a hinge), abdominals core.
5. Anything else is ``other``.

The function is pure and deterministic; the tests run it over the whole free-exercise-db file
and the exercise names of real Strong and Hevy exports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from strongback.domain.vocab import Laterality, Muscle, Pattern


@dataclass(frozen=True)
class Rule:
    """A name rule: when ``regex`` matches the normalised name, the pattern is ``pattern``.

    ``fits`` lists the primary muscles the rule is meant for; when the caller gives primary
    muscles and none of them fits, the rule does not apply. ``name_only`` rules apply only when
    no category is known (a name seen in a workout log, not a data set entry). ``beats_stretching``
    marks strength drills that keep their pattern even when a data set calls them stretches.
    """

    pattern: Pattern
    regex: re.Pattern[str]
    fits: frozenset[Muscle] = frozenset()
    name_only: bool = False
    beats_stretching: bool = False


def _rule(
    pattern: Pattern,
    *alternatives: str,
    fits: Iterable[Muscle] = (),
    name_only: bool = False,
    beats_stretching: bool = False,
) -> Rule:
    regex = re.compile("|".join(f"(?:{a})" for a in alternatives))
    return Rule(pattern, regex, frozenset(fits), name_only, beats_stretching)


_FLY = r"fl(?:y|ys|ies|ye|yes)"

_LEGS = frozenset(
    {
        Muscle.QUADS,
        Muscle.HAMSTRINGS,
        Muscle.GLUTES,
        Muscle.CALVES,
        Muscle.ADDUCTORS,
        Muscle.ABDUCTORS,
        Muscle.HIP_FLEXORS,
    }
)
_ARMS = frozenset({Muscle.BICEPS, Muscle.TRICEPS, Muscle.FOREARMS})
_PUSHERS = frozenset({Muscle.CHEST, Muscle.TRICEPS, Muscle.DELTOIDS})
_CORE = frozenset(
    {Muscle.ABDOMINALS, Muscle.OBLIQUES, Muscle.TRANSVERSE_ABDOMINIS, Muscle.PELVIC_FLOOR}
)
_MID_BACK = frozenset({Muscle.LATS, Muscle.RHOMBOIDS})

P = Pattern

# Step 1: names that say which pattern of the back method (or a stretch) this is.
SPECIFIC_RULES: tuple[Rule, ...] = (
    # Stretches and soft-tissue work, including the curated mobility drills.
    _rule(
        P.MOBILITY,
        r"\bstretch(?:es|ing)?\b",
        r"\bsmr\b",
        r"\bfoam roll",
        r"\bmyofascial\b",
        r"\bmobility\b",
        r"\bmobili[sz]ations?\b",
        r"\byoga\b",
        r"\b(?:ankle|arm|elbow|hip|knee|neck|shoulder|wrist) circles?\b",
        r"\bleg swings?\b",
        r"\bchilds? pose\b",
        r"\bcat (?:cow|camel)\b",
        r"\b(?:pigeon|cobra|sphinx|downward dog|happy baby)\b",
        r"\bscorpions?\b",
        r"\bthread(?:ing)? the needle\b",
        r"\bneedle (?:arm )?thread",
        r"\bcrab reach",
        r"\bmountain climbers? reach",
        r"\bstraight leg iron cross",
        r"\bhip flexors?\b",
        r"\b90 90\b",
        r"\binchworms?\b",
        r"\bwall (?:slides?|angels?)\b",
        r"\b(?:band|shoulder) dislocates?\b",
        r"\bfloss(?:ing)?\b",
        r"\bhip airplanes?\b",
        r"\bjefferson curls?\b",
    ),
    # Cleans and snatches pull the bar from the floor by extending the hips; a jerk or a thruster
    # is an overhead press. Listed before the squat and row rules ("squat jerk", "clean pull").
    _rule(P.SHOULDER_ELEVATION, r"\b(?:clean|snatch) shrugs?\b"),
    _rule(P.HIP_HINGE, r"\bcleans?\b(?! grip)", r"\bsnatch(?:es)?\b(?! balance| grip)"),
    _rule(P.PUSH, r"\bjerks?\b", r"\bthrusters?\b"),
    # Internal rotation trains the rotator cuff against the rear-delt direction.
    _rule(P.OTHER, r"\binternal rotations?\b"),
    # Rear delts: face pulls, reverse flyes, bent-over raises, band pull-aparts, external rotation.
    _rule(
        P.REAR_DELT,
        r"\bface ?pulls?\b",
        r"\brear delt",
        r"\bposterior delt",
        rf"\breverse (?:machine |cable |dumbbell |pec deck )?{_FLY}\b",
        r"\breverse pec ?decks?\b",
        rf"\bback {_FLY}\b",
        r"\brear laterals?\b",
        r"\bbent over (?:\w+ ){0,3}(?:laterals?|raises?)\b",
        r"\bpull ?aparts?\b",
        r"\bexternal rotations?\b",
        r"\brotator cuff\b",
        r"\bcuban press",
        r"\b(?:prone|trx) [tyw]s?\b",
        r"\b[yt] raises?\b",
    ),
    # Shoulder elevation: upright rows ("upright barbell row" too), shrugs, high pulls.
    _rule(
        P.SHOULDER_ELEVATION,
        r"\bupright (?:\w+ )?rows?\b",
        r"\bshrugs?\b",
        r"\bhigh pulls?\b",
    ),
    # Back extensions; a reverse hyper extends the hips on the same kind of bench.
    _rule(
        P.BACK_EXTENSION,
        r"\b(?:back|spinal|lumbar|torso) extensions?\b",
        r"\bhyper ?extensions?\b",
        r"\breverse hypers?\b",
        r"\bhypers\b",
        r"\bsupermans?\b",
        beats_stretching=True,
    ),
    # Loaded carries and side planks work the trunk as a whole (no hinge, no squat).
    _rule(P.ANTI_ROTATION, r"\bsuitcase (?:carry|carries|march|walk|walks|hold)\b"),
    _rule(
        P.CORE,
        r"\bfarmers? (?:walk|walks|carry|carries|hold)\b",
        r"\b(?:waiter|yoke|rickshaw|overhead|front rack) (?:walk|walks|carry|carries)\b",
        r"\bcarr(?:y|ies)\b",
        r"\bside (?:plank|bridge)s?\b",
        r"\bturkish get ?ups?\b",
        r"\bget ?ups?\b",
        r"\b(?:front|back) levers?\b",
        r"\bhuman flags?\b",
        r"\bwindshield wipers?\b",
    ),
    # An adductor plank loads the inner thigh more than the trunk.
    _rule(P.LEGS, r"\bcopenhagen\b"),
    # Hip hinge: deadlifts of every kind, RDLs, good mornings, hip thrusts and bridges, swings.
    _rule(
        P.HIP_HINGE,
        r"\bdead ?lifts?\b",
        r"\brdls?\b",
        r"\bsldl\b",
        r"\bromanian\b",
        r"\bstiff legs?(?:ged)?\b",
        r"\bgood ?mornings?\b",
        r"\bhip thrusts?(?:ers?)?\b",
        r"\b(?:glute|hip|butt) bridges?\b",
        r"\b(?:butt|hip) lifts?\b",
        r"(?<!sledgehammer )\bswings?\b",
        r"(?<!lat )\bpull ?throughs?\b",
        r"\bsumo\b(?!.*\bsquats?\b)",
        r"\bfrog pumps?\b",
        r"\brack pulls?\b",
        r"\bblock pulls?\b",
        r"\batlas stones?\b",
        r"\b(?:keg|sandbag|stone) loads?\b",
        r"\btire flips?\b",
    ),
    # Split squats, lunges and step-ups, before the squat rule.
    _rule(
        P.SPLIT_SQUAT,
        r"\bsplit squats?\b",
        r"\bbulgarian (?:split )?squats?\b",
        r"\brear foot elevated\b",
        r"\blunges?\b",
        r"\blunging\b",
        r"\bstep ?ups?\b",
    ),
    _rule(
        P.SQUAT,
        r"\bsquats?\b",
        r"\bsquatting\b",
        r"\bpistols?\b",
        r"\bsnatch balance\b",
        r"\bkniebeugen?\b",
    ),
    # Vertical pulls: pulldowns, pull-ups, chin-ups, muscle-ups, rope climbs, pullovers.
    _rule(
        P.VERTICAL_PULL,
        r"\bpull ?downs?\b",
        r"\bpulldoen\b",
        r"\blat pull",
        r"\bpull ?ups?\b",
        r"\bchin ?ups?\b",
        r"(?<!to )\bchins?\b",
        r"\bmuscle ?ups?\b",
        r"\brope climbs?\b",
    ),
    # A pullover led by the lats (or of unknown muscles) is a vertical pull; led by the chest it
    # is left to the push rules.
    _rule(P.VERTICAL_PULL, r"\bpull ?overs?\b", fits={Muscle.LATS}),
    # Rowing machines are cardio; every other row is a horizontal pull.
    _rule(P.CARDIO, r"\browing\b", r"\browers?\b", r"\bergometers?\b", r"\brudergerat\b"),
    _rule(P.HORIZONTAL_PULL, r"\brows?\b", r"\bbench pulls?\b"),
    # Anti-extension: planks, rollouts, dead bugs, fallouts, hollow holds.
    _rule(
        P.ANTI_EXTENSION,
        r"\bplanks?\b",
        r"\broll ?outs?\b",
        r"\bab (?:wheel|roller)s?\b",
        r"\bdead ?bugs?\b",
        r"\bbody ?saws?\b",
        r"\bfallouts?\b",
        r"\bhollow (?:body|hold|rock)s?\b",
        r"\bstir the pot\b",
        beats_stretching=True,
    ),
    # Anti-rotation: Pallof presses (spelt several ways), bird dogs, chops and lifts.
    _rule(
        P.ANTI_ROTATION,
        r"\bpall?off?\b",
        r"\bbird ?dogs?\b",
        r"\bshoulder taps?\b",
        r"\bwood ?chop(?:s|pers?)?\b",
        r"\bcable (?:chop|lift)s?\b",
        r"\banti ?rotation\b",
        beats_stretching=True,
    ),
)

# Step 3: names of the rest of a user's training.
GENERAL_RULES: tuple[Rule, ...] = (
    _rule(
        P.OTHER,
        r"\bneck (?:curls?|extensions?|flexions?|resistance|bridges?)\b",
        r"\bisometric neck\b",
        r"\bhead harness\b",
    ),
    # Power drills with a ball: neither a press nor a pull in the sense of a program.
    _rule(
        P.OTHER,
        r"\bthrows?\b",
        r"\bslams?\b",
        r"\btoss(?:es)?\b",
        r"\bchest pass\b",
        r"\bwall balls?\b",
    ),
    _rule(
        P.CARDIO,
        r"\b(?:running|jogging|treadmill|elliptical|cycling|bicycling|swimming|hiking)\b",
        r"\bstair ?(?:master|mill|climber)s?\b",
        r"\bstep ?mill\b",
        r"\bjump(?:ing)? ropes?\b",
        r"\brope jump(?:ing)?\b",
        r"\bburpees?\b",
        r"\bjumping jacks?\b",
        r"\bbattl(?:e|ing) ropes?\b",
        r"\brecumbent\b",
    ),
    _rule(
        P.CARDIO,
        r"\b(?:run|jog|walk|walking|bike|spin|spinning|sprints?|skipping|climbing|skating)\b",
        r"\bskiing\b",
        r"\bski ?ergs?\b",
        r"\b(?:rucking|boxing|kickboxing|dancing|hiit|rowing)\b",
        r"\bmountain climbers?\b",
        r"\bstar jumps?\b",
        r"\bprowler\b",
        r"\bsled (?:push|drag)",
        r"\bassault\b",
        name_only=True,
    ),
    # Legs: machines and isolation of the legs, hip abduction and adduction, jumps and hops.
    _rule(
        P.LEGS,
        r"\bleg (?:press|presses|extensions?|curls?)\b",
        r"\bhamstrings? curls?\b",
        r"\bnordic\b",
        r"\bglute ham\b",
        r"\bghr\b",
        r"\bcalf\b",
        r"\bcalves\b",
        r"\btoe raises?\b",
        r"\bshin curls?\b",
        r"\btibialis\b",
        r"\b(?:ab|ad)duct(?:ion|ions|or|ors)\b",
        r"\b(?:glute|donkey|leg|hip) kick ?backs?\b",
        r"\bdonkey kicks?\b",
        r"\bfire hydrants?\b",
        r"\bglute\b",
        r"\bhip (?:extensions?|flexion)\b",
        r"\b(?:monster|band|lateral band) walks?\b",
        r"\bwall sits?\b",
        r"\b(?:box|broad|long|tuck|depth|vertical|split|scissors?|bench) jumps?\b",
        r"\bjumps?\b",
        r"\bhops?\b",
        r"\bbounds?\b",
        r"\bleg lifts?\b",
        fits=_LEGS,
    ),
    # Core: crunches, sit-ups, leg and knee raises, twists, side bends.
    _rule(
        P.CORE,
        r"\bcrunch(?:es)?\b",
        r"\bsit ?ups?\b",
        r"\b(?:leg|knee|hip|toe) raises?\b",
        r"\bknee ups?\b",
        r"\bv ups?\b",
        r"\bjack ?knifes?\b",
        r"\btoes to bar\b",
        r"\b(?:flutter|scissor) kicks?\b",
        r"\bheel touch",
        r"\brussian twists?\b",
        r"\btwists?\b",
        r"\btorso rotations?\b",
        r"\bside bends?\b",
        r"\bl ?sits?\b",
        r"\bab\b",
        r"\babs\b",
        r"\bobliques?\b",
        r"\bcore\b",
        r"\bwindmills?\b",
        r"\bpull ?ins?\b",
        r"\bknee tucks?\b",
        r"\bdragon flags?\b",
        r"\bvacuums?\b",
        r"\bhanging (?:knee|leg|pike)",
        r"\blandmine (?:180|rotations?|twists?)",
        fits=_CORE | {Muscle.GLUTES, Muscle.HIP_FLEXORS},
    ),
    # Pushes that name a triceps muscle but move several joints.
    _rule(
        P.PUSH,
        r"\bdips?\b",
        r"\bbench press(?:es)?\b",
        r"\b(?:floor|chest|pin|board) press(?:es)?\b",
        r"\bpush ?ups?\b",
        r"\bpress ?ups?\b",
        r"\bbench$",
    ),
    # Arms: curls, triceps extensions, pushdowns, kickbacks, skull crushers, forearm and grip.
    _rule(
        P.ARMS,
        r"\bcurls?\b",
        r"\bbiceps?\b",
        r"\btriceps?\b",
        r"\bskull ?crush(?:ers?)?\b",
        r"\bpush ?downs?\b",
        r"\bkick ?backs?\b",
        r"\b(?:french|jm|tate) press\b",
        r"\bextensions?\b",
        r"\bwrist\b",
        r"\bforearms?\b",
        r"\bgrippers?\b",
        r"\bplate pinch",
        r"\b(?:pro|su)nations?\b",
        fits=_ARMS,
    ),
    # Other pushes: presses, flyes, raises of the shoulders.
    _rule(
        P.PUSH,
        r"\bpress(?:es|ing)?\b",
        r"\bohp\b",
        r"\bmilitary\b",
        r"\barnold\b",
        rf"\b{_FLY}\b",
        r"\bpec ?decks?\b",
        r"\bcross ?overs?\b",
        r"\bbutterfly\b",
        r"\bpull ?overs?\b",
        r"\blaterals?\b",
        r"\bscaption\b",
        r"\braises?\b",
        fits=_PUSHERS,
    ),
)


def normalize_name(name: str) -> str:
    """Lowercase ASCII words separated by single spaces: "Pull-Up (Band)" -> "pull up band".

    Apostrophes vanish ("Farmer's" -> "farmers") and accents fold ("Extensión" -> "extension").
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['’`]", "", folded.lower())
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


FORCES = frozenset({"push", "pull", "static"})
MECHANICS = frozenset({"compound", "isolation"})


def _known(word: str | None, known: frozenset[str]) -> str | None:
    """The word in lower case when it belongs to ``known``, else None (treated as not given)."""
    if word is None:
        return None
    low = word.strip().lower()
    return low if low in known else None


def _muscles(values: Iterable[Muscle | str]) -> tuple[Muscle, ...]:
    """Muscles in order; plain slugs are accepted, unknown ones ignored."""
    out: list[Muscle] = []
    for value in values:
        try:
            out.append(Muscle(value))
        except ValueError:
            continue
    return tuple(out)


def _applies(rule: Rule, text: str, primary: frozenset[Muscle], category: str | None) -> bool:
    if rule.name_only and category is not None:
        return False
    if rule.fits and primary and not (primary & rule.fits):
        return False
    return rule.regex.search(text) is not None


def _from_muscles(
    primary: tuple[Muscle, ...], force: str | None, mechanic: str | None
) -> Pattern | None:
    if not primary:
        return None
    lead = primary[0]
    if lead in _MID_BACK:
        return Pattern.PUSH if force == "push" else Pattern.HORIZONTAL_PULL
    if lead is Muscle.TRAPS:
        return Pattern.SHOULDER_ELEVATION
    if lead is Muscle.REAR_DELTS:
        return Pattern.REAR_DELT
    if lead is Muscle.ERECTOR_SPINAE:
        return Pattern.HIP_HINGE if mechanic == "compound" else Pattern.BACK_EXTENSION
    if lead is Muscle.TRICEPS:
        return Pattern.ARMS if mechanic == "isolation" else Pattern.PUSH
    if lead in (Muscle.CHEST, Muscle.DELTOIDS):
        return Pattern.PUSH if force in (None, "push", "static") else Pattern.OTHER
    if lead in _ARMS:
        return Pattern.ARMS
    if lead in _LEGS:
        hinge_led = lead in (Muscle.HAMSTRINGS, Muscle.GLUTES)
        if hinge_led and force == "pull" and mechanic == "compound":
            return Pattern.HIP_HINGE
        return Pattern.LEGS
    if lead in _CORE:
        return Pattern.CORE
    if lead is Muscle.THORACIC_SPINE:
        return Pattern.MOBILITY
    return None


def guess_pattern(
    name: str,
    *,
    force: str | None = None,
    mechanic: str | None = None,
    category: str | None = None,
    primary_muscles: Iterable[Muscle] = (),
    secondary_muscles: Iterable[Muscle] = (),
) -> Pattern:
    """The movement pattern of an exercise, from its name first and then its data.

    ``force`` (push, pull, static), ``mechanic`` (compound, isolation) and ``category``
    (strength, stretching, cardio, plyometrics, ...) use free-exercise-db's words; unknown words
    are ignored. ``secondary_muscles`` is accepted for callers that have it; the pattern follows
    the primary muscles. See the module docstring for the order of the decision.
    """
    del secondary_muscles  # The lead muscle decides; secondary ones never change the pattern.
    force = _known(force, FORCES)
    mechanic = _known(mechanic, MECHANICS)
    text = normalize_name(name)
    primary_order = _muscles(primary_muscles)
    primary = frozenset(primary_order)
    cat = category.strip().lower() if category else None
    for rule in SPECIFIC_RULES:
        if not _applies(rule, text, primary, cat):
            continue
        if cat == "stretching" and not rule.beats_stretching and rule.pattern is not P.MOBILITY:
            break
        return rule.pattern
    if cat == "stretching":
        return Pattern.MOBILITY
    if cat == "cardio":
        return Pattern.CARDIO
    for rule in GENERAL_RULES:
        if _applies(rule, text, primary, cat):
            return rule.pattern
    from_data = _from_muscles(primary_order, force, mechanic)
    return from_data if from_data is not None else Pattern.OTHER


def guess_pattern_from_name(name: str) -> Pattern:
    """The movement pattern of an exercise known only by its name (a Strong or Hevy log entry).

    "Bench Press (Barbell)" -> push, "Lat Pulldown - Wide Grip (Cable)" -> vertical-pull,
    "Seated Row (Machine)" -> horizontal-pull, "Running" -> cardio, anything unknown -> other.
    """
    return guess_pattern(name)


_ALTERNATING = re.compile(r"\balternat(?:e|es|ing)\b|\bwalking lunges?\b|\bsee ?saw\b|\brenegade\b")
_UNILATERAL = re.compile(
    r"\b(?:one|single|1) (?:arm|arms|armed|leg|legs|legged|hand|handed|side|sided|knee)\b"
    r"|\bunilateral\b|\bsuitcase\b|\bpistols?\b|\bside deadlift\b"
)


def guess_laterality(name: str, pattern: Pattern | None = None) -> Laterality:
    """How the sides work, from the name: "alternating ..." takes turns, "one-arm ...",
    "single-leg ..." and "suitcase ..." work one side; split squats, lunges and step-ups work
    one leg at a time unless the name says they alternate (walking lunges do).
    """
    text = normalize_name(name)
    if _ALTERNATING.search(text):
        return Laterality.ALTERNATING
    if _UNILATERAL.search(text) or pattern is Pattern.SPLIT_SQUAT:
        return Laterality.UNILATERAL
    return Laterality.BILATERAL


__all__ = [
    "GENERAL_RULES",
    "SPECIFIC_RULES",
    "Rule",
    "guess_laterality",
    "guess_pattern",
    "guess_pattern_from_name",
    "normalize_name",
]
