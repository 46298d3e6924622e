"""Exercise names from other apps to catalog ids, without silently changing a user's history.

The order of the checks, first hit wins:

1. an exact catalog id, or an exact catalog name (case, punctuation, plurals and the spacing of
   ``pull up`` / ``pull-up`` / ``pullup`` do not matter), the user's custom exercises included;
2. the known names other apps give the curated movements and the big lifts of the extended
   catalog (``APP_ALIASES``, ``EXTENDED_APP_ALIASES``);
3. the extended catalog's names, and the aliases its importer curates;
4. fuzzy matching (rapidfuzz ``token_sort_ratio``) of the name without the app's equipment suffix,
   at or above ``FUZZY_THRESHOLD`` and only when the equipment agrees (a ``(Machine)`` row never
   lands on a cable exercise, ``(Assisted)`` never on the unassisted movement);
5. otherwise a custom exercise is made: a slug of the name that collides with nothing, a pattern
   guessed from the name. Nothing is ever dropped.

Results are cached per distinct name: an export of 100,000 sets holds a few hundred names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from strongback.domain.catalog import Catalog, load_catalog
from strongback.domain.classify import guess_pattern_from_name
from strongback.domain.exercise import Exercise
from strongback.domain.vocab import Equipment, Muscle, Pattern
from strongback.interchange.app_aliases import APP_ALIASES, EXTENDED_APP_ALIASES
from strongback.interchange.free_exercise_db import curated_aliases

FUZZY_THRESHOLD = 92.0
"""Minimum rapidfuzz ``token_sort_ratio`` (0-100) of two normalized names for a fuzzy match.

92 accepts spelling and plural variants (``Pullup``/``Pull up`` 92, ``Face Pulls``/``Face pull``
95) and refuses near-misses that are different movements (``Back Squat``/``Hack Squat`` is 90,
``Chin Up``/``Pull Up`` 57, ``Romanian Deadlift``/``Kettlebell Romanian deadlift`` 76).
"""

# The equipment an app's suffix or a name word implies, for the fuzzy guard.
_EQUIPMENT_WORDS: dict[str, Equipment] = {
    "barbell": Equipment.BARBELL,
    "ez bar": Equipment.BARBELL,
    "dumbbell": Equipment.DUMBBELLS,
    "dumbbells": Equipment.DUMBBELLS,
    "kettlebell": Equipment.KETTLEBELL,
    "cable": Equipment.CABLE_STATION,
    "machine": Equipment.MACHINE,
    "smith machine": Equipment.MACHINE,
    "band": Equipment.BAND,
}
# Words saying that no equipment is used.
_NO_EQUIPMENT_WORDS = frozenset({"bodyweight", "body", "only"})
# Filler words that do not change a movement.
_FILLER = frozenset({"the", "with", "and", "a", "of", "on", "to", "in", "for"})
# Spellings folded before comparing.
_SYNONYMS = {"flye": "fly", "dumbell": "dumbbell", "db": "dumbbell", "bb": "barbell",
             "kb": "kettlebell", "pullup": "pull up", "chinup": "chin up", "pushup": "push up",
             "situp": "sit up"}  # fmt: skip
WORD_TYPO_RATIO = 88.0
"""Two words that differ only by a typo (``Dumbell``/``Dumbbell`` 93) count as one."""
_SUFFIX = re.compile(r"\(([^()]*)\)\s*$")
_NON_WORD = re.compile(r"[\W_]+")  # any script's letters and digits are words
_NON_SLUG = re.compile(r"[^0-9a-z]+")
MAX_SLUG = 80


def _strip_accents(text: str) -> str:
    if text.isascii():
        # Nothing to decompose: most names, and walking them character by character was most
        # of the cost of matching the few hundred names of a large export.
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _stem(word: str) -> str:
    # Plurals only: "raises" and "raise", "dips" and "dip" compare equal; "press" stays.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def normalize_name(name: str) -> str:
    """A name for comparison: lower case, no accents or punctuation, plurals folded."""
    text = _strip_accents(name.casefold()).replace("&", " and ")
    words = (_stem(w) for w in _NON_WORD.split(text) if w)
    return " ".join(_SYNONYMS.get(w, w) for w in words)


def compact(name: str) -> str:
    """The normalized name without spaces, so ``pull up`` and ``pullup`` are one key."""
    return normalize_name(name).replace(" ", "")


def split_suffix(name: str) -> tuple[str, str | None]:
    """``Lat Pulldown (Cable)`` -> (``Lat Pulldown``, ``Cable``): the app's equipment suffix."""
    match = _SUFFIX.search(name.strip())
    if not match:
        return name.strip(), None
    return name[: match.start()].strip(), match.group(1).strip()


def slugify(name: str) -> str:
    """An id slug for a custom exercise: lower-case words joined by hyphens."""
    slug = "-".join(w for w in _NON_SLUG.split(_strip_accents(name.casefold())) if w)
    return slug[:MAX_SLUG].rstrip("-") or "exercise"


def _implied_equipment(text: str) -> set[Equipment]:
    norm = normalize_name(text)
    found = set()
    for word, eq in _EQUIPMENT_WORDS.items():
        if re.search(rf"\b{word}\b", norm):
            found.add(eq)
    return found


def _words(text: str) -> set[str]:
    return {w for w in normalize_name(text).split() if w not in _FILLER}


@dataclass(frozen=True)
class NameMatch:
    """How one imported name was resolved. ``how`` is one of: exact, alias, extended, fuzzy, custom.

    ``created`` holds the new custom exercise when this name made one.
    """

    name: str
    exercise_id: str
    how: str
    score: float | None = None
    created: Exercise | None = None


# The main muscle a custom exercise is listed under, by pattern (an Exercise needs one).
_PATTERN_MUSCLE: dict[Pattern, Muscle] = {
    Pattern.VERTICAL_PULL: Muscle.LATS,
    Pattern.HORIZONTAL_PULL: Muscle.LATS,
    Pattern.REAR_DELT: Muscle.REAR_DELTS,
    Pattern.SHOULDER_ELEVATION: Muscle.TRAPS,
    Pattern.BACK_EXTENSION: Muscle.ERECTOR_SPINAE,
    Pattern.HIP_HINGE: Muscle.HAMSTRINGS,
    Pattern.SQUAT: Muscle.QUADS,
    Pattern.SPLIT_SQUAT: Muscle.QUADS,
    Pattern.ANTI_EXTENSION: Muscle.ABDOMINALS,
    Pattern.ANTI_ROTATION: Muscle.OBLIQUES,
    Pattern.MOBILITY: Muscle.THORACIC_SPINE,
    Pattern.PUSH: Muscle.CHEST,
    Pattern.ARMS: Muscle.BICEPS,
    Pattern.LEGS: Muscle.QUADS,
    Pattern.CORE: Muscle.ABDOMINALS,
    Pattern.CARDIO: Muscle.QUADS,
    Pattern.OTHER: Muscle.ABDOMINALS,
}
_MUSCLE_WORDS: tuple[tuple[str, Muscle], ...] = (
    ("tricep", Muscle.TRICEPS),
    ("skull", Muscle.TRICEPS),
    ("leg curl", Muscle.HAMSTRINGS),  # before "curl"
    ("curl", Muscle.BICEPS),
    ("lateral raise", Muscle.DELTOIDS),
    ("shoulder", Muscle.DELTOIDS),
    ("overhead press", Muscle.DELTOIDS),
    ("calf", Muscle.CALVES),
    ("glute", Muscle.GLUTES),
    ("hip thrust", Muscle.GLUTES),
    ("shrug", Muscle.TRAPS),
    ("wrist", Muscle.FOREARMS),
    ("grip", Muscle.FOREARMS),
    ("neck", Muscle.NECK),
    ("adduct", Muscle.ADDUCTORS),
    ("abduct", Muscle.ABDUCTORS),
)


def _guess_muscle(name: str, pattern: Pattern) -> Muscle:
    norm = normalize_name(name)
    for word, muscle in _MUSCLE_WORDS:
        if word in norm:
            return muscle
    return _PATTERN_MUSCLE.get(pattern, Muscle.ABDOMINALS)


def make_custom_exercise(name: str, taken: Callable[[str], bool]) -> Exercise:
    """A custom exercise for an unmatched name: a slug id that collides with nothing taken."""
    base = slugify(name)
    candidate = base
    n = 2
    while taken(candidate):
        candidate = f"{base}-{n}"
        n += 1
    pattern = guess_pattern_from_name(name)
    display = " ".join(name.split())
    if len(display) < 2:
        display = f"{display} (imported)"
    return Exercise(
        id=candidate,
        name=display,
        source="custom",
        pattern=pattern,
        primary_muscles=(_guess_muscle(name, pattern),),
        aliases=(name,) if name != display else (),
    )


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


class NameMatcher:
    """Resolves imported exercise names to ids; remembers each answer and every custom it made."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        custom: Iterable[Exercise] = (),
        *,
        threshold: float = FUZZY_THRESHOLD,
    ) -> None:
        self.catalog = catalog if catalog is not None else load_catalog()
        self.threshold = threshold
        self._cache: dict[str, NameMatch] = {}
        self.created: list[Exercise] = []
        self._custom: dict[str, Exercise] = {}
        self._ids: set[str] = {e.id for e in self.catalog}
        # exact keys: compact name -> id, curated and custom first, extended after
        self._exact: dict[str, str] = {}
        self._extended_exact: dict[str, str] = {}
        self._aliases: dict[str, str] = {}
        self._by_id: dict[str, Exercise] = {e.id: e for e in self.catalog}
        for e in self.catalog:
            target = self._exact if e.source == "strongback" else self._extended_exact
            for text in (e.name, *e.aliases):
                target.setdefault(compact(text), e.id)
            # An id such as "pull-up" is also how an exact name is written.
            target.setdefault(compact(e.id), e.id)
        for e in custom:
            self._add_custom(e)
        for ex_id, names in APP_ALIASES.items():
            if ex_id in self._ids:
                for text in names:
                    self._aliases.setdefault(compact(text), ex_id)
        for ex_id, names in EXTENDED_APP_ALIASES.items():
            if ex_id in self._ids:
                for text in names:
                    self._aliases.setdefault(compact(text), ex_id)
        for alias, ex_id in curated_aliases().items():
            if ex_id in self._ids:
                self._aliases.setdefault(compact(alias), ex_id)
        # Fuzzy choices: the normalized name of every catalog entry without an app suffix, its
        # words sorted once here. ``fuzz.ratio`` of sorted words is ``token_sort_ratio``, which
        # would sort every choice's words again for every query.
        self._choices: list[str] = []
        self._choice_ids: list[str] = []
        for e in self.catalog:
            self._choices.append(_sorted_words(normalize_name(split_suffix(e.name)[0])))
            self._choice_ids.append(e.id)
        self._within_reach: dict[int, tuple[list[int], list[str]]] = {}

    def _add_custom(self, exercise: Exercise) -> None:
        self._custom[exercise.id] = exercise
        self._ids.add(exercise.id)
        self._by_id[exercise.id] = exercise
        for text in (exercise.name, *exercise.aliases):
            self._exact.setdefault(compact(text), exercise.id)
        self._exact.setdefault(compact(exercise.id), exercise.id)

    def __call__(self, name: str) -> str:
        """The exercise id for an imported name."""
        return self.match(name).exercise_id

    def match(self, name: str) -> NameMatch:
        """How a name resolves (cached per distinct name)."""
        hit = self._cache.get(name)
        if hit is None:
            hit = self._resolve(name)
            self._cache[name] = hit
        return hit

    def matches(self) -> list[NameMatch]:
        """Every name resolved so far, in the order first seen."""
        return list(self._cache.values())

    def _resolve(self, name: str) -> NameMatch:
        stripped = name.strip()
        if stripped in self._ids:
            return NameMatch(name, stripped, "exact")
        key = compact(stripped)
        if not key:
            return self._create(name)
        if key in self._exact:
            return NameMatch(name, self._exact[key], "exact")
        if key in self._aliases:
            return NameMatch(name, self._aliases[key], "alias")
        if key in self._extended_exact:
            return NameMatch(name, self._extended_exact[key], "extended")
        fuzzy = self._fuzzy(stripped)
        if fuzzy is not None:
            return fuzzy
        return self._create(name)

    def _fuzzy(self, name: str) -> NameMatch | None:
        if not self._choices:
            return None
        base, suffix = split_suffix(name)
        # "Bench Press (Barbell)" is also tried as "Barbell Bench Press", how catalogs write it.
        queries = [normalize_name(base)]
        if suffix:
            queries.append(normalize_name(f"{suffix} {base}"))
        best: NameMatch | None = None
        for query in queries:
            if not query:
                continue
            text = _sorted_words(query)
            positions, choices = self._reachable(len(text))
            for _choice, score, k in process.extract(
                text, choices, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=5
            ):
                candidate = self._by_id[self._choice_ids[positions[k]]]
                if self._agrees(candidate, name):
                    if best is None or (best.score or 0) < score:
                        best = NameMatch(name, candidate.id, "fuzzy", round(float(score), 1))
                    break
        return best

    def _reachable(self, length: int) -> tuple[list[int], list[str]]:
        """The fuzzy choices a text of this length can reach the threshold with, in catalog
        order, and their positions in the catalog.

        ``fuzz.ratio`` is at most ``200 * min(a, b) / (a + b)`` for lengths a and b (an edit
        per character of difference at least), so a choice much longer or shorter than the
        text cannot score enough: it is left out before rapidfuzz compares anything. What is
        found, and its order, stays the same as comparing every choice."""
        found = self._within_reach.get(length)
        if found is None:
            bound = self.threshold - 1e-6  # a margin for the rounding of the score
            positions = [
                i
                for i, choice in enumerate(self._choices)
                if 200 * min(length, len(choice)) / ((length + len(choice)) or 1) >= bound
            ]
            found = self._within_reach[length] = (positions, [self._choices[i] for i in positions])
        return found

    @staticmethod
    def _agrees(candidate: Exercise, query_name: str) -> bool:
        """Word by word, the two names must say the same thing.

        A word only one side has is allowed when it is an equipment word the candidate offers
        (``Squat (Barbell)`` and ``Barbell Squat``) or a misspelling of a word on the other side
        (same first letter, rapidfuzz ratio of at least ``WORD_TYPO_RATIO``). So ``Incline ...``
        never lands on ``Decline ...`` and ``Face Pull (Rings)`` not on the cable face pull.
        """
        mine = _words(query_name)
        theirs = _words(candidate.name)
        extra_mine = mine - theirs
        extra_theirs = theirs - mine
        offered = {item for alt in candidate.equipment for item in alt}
        offered |= _implied_equipment(candidate.name)
        for word in list(extra_mine):
            if word in _NO_EQUIPMENT_WORDS and not offered:
                extra_mine.discard(word)
                continue
            eq = _EQUIPMENT_WORDS.get(word)
            if eq is not None and eq in offered:
                extra_mine.discard(word)
        for word in list(extra_theirs):
            eq = _EQUIPMENT_WORDS.get(word)
            if eq is not None and eq in _implied_equipment(query_name):
                extra_theirs.discard(word)
        for word in sorted(extra_mine):
            twin = next(
                (
                    t
                    for t in sorted(extra_theirs)
                    if t[0] == word[0] and fuzz.ratio(word, t) >= WORD_TYPO_RATIO
                ),
                None,
            )
            if twin is not None:
                extra_mine.discard(word)
                extra_theirs.discard(twin)
        return not extra_mine and not extra_theirs

    def _create(self, name: str) -> NameMatch:
        exercise = make_custom_exercise(name, lambda slug: slug in self._ids)
        self._add_custom(exercise)
        self.created.append(exercise)
        return NameMatch(name, exercise.id, "custom", created=exercise)


__all__ = [
    "APP_ALIASES",
    "FUZZY_THRESHOLD",
    "NameMatch",
    "NameMatcher",
    "compact",
    "make_custom_exercise",
    "normalize_name",
    "slugify",
    "split_suffix",
]
