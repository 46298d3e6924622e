"""The name rules of the classifier (``strongback.domain.classify``): word-boundary regular
expressions over a normalised exercise name, specific ones first, then the general ones.

Within ``SPECIFIC_RULES`` a rule that overrides a broader one comes before it (upright row before
row, rear-delt row before row, split squat before squat, deadlift before squat, clean before
jerk). ``GENERAL_RULES`` name the rest of a user's training (curls, presses, raises, crunches).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from strongback.domain.vocab import Muscle, Pattern


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

LEGS = frozenset(
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
ARMS = frozenset({Muscle.BICEPS, Muscle.TRICEPS, Muscle.FOREARMS})
_PUSHERS = frozenset({Muscle.CHEST, Muscle.TRICEPS, Muscle.DELTOIDS})
CORE = frozenset(
    {Muscle.ABDOMINALS, Muscle.OBLIQUES, Muscle.TRANSVERSE_ABDOMINIS, Muscle.PELVIC_FLOOR}
)
MID_BACK = frozenset({Muscle.LATS, Muscle.RHOMBOIDS})

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
        fits=LEGS,
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
        fits=CORE | {Muscle.GLUTES, Muscle.HIP_FLEXORS},
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
        fits=ARMS,
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


__all__ = ["ARMS", "CORE", "GENERAL_RULES", "LEGS", "MID_BACK", "SPECIFIC_RULES", "Rule"]
