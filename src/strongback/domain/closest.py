"""The catalog entries closest to a name the catalog does not know, for "did you mean" and the
import summary's suggestions.

Letters alone mislead: "Ab Wheel" is nearest, letter by letter, to "Conan's Wheel" (a strongman
carry) because the two share "wheel". So a suggestion must say the same thing in words and in
movement: it shares a word with the name that is not a generic one (an equipment, a position,
a grip: "cable", "seated", "kneeling"), and, when the name's own words give its movement pattern,
it trains that pattern (or one of its family: the trunk's, the legs'). Among those, more shared
words first, then the closer spelling; a spelling variant of the whole name (``NEAR_RATIO``)
always counts. A name that shares only generic words with everything gets no suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from strongback.domain.classify import guess_pattern_from_name
from strongback.domain.exercise import Exercise
from strongback.domain.vocab import Pattern

NEAR_RATIO = 88.0
"""A whole name this close (rapidfuzz ratio of the sorted words, 0-100) is a spelling variant."""
WORD_TYPO_RATIO = 85.0
"""Two words this close (``pulldwn``/``pulldown``, ``deadlfit``/``deadlift``) count as one shared
word: a letter left out or changed, or two swapped, in a word of seven letters or more."""

# Words that say how or with what a movement is done, not which movement: sharing only these
# is no likeness.
GENERIC_WORDS = frozenset(
    {
        "a", "and", "the", "with", "without", "no", "not", "such", "my", "of", "on", "to", "in",
        "for", "from",
        "seated", "standing", "kneeling", "lying", "supine", "prone", "incline", "decline",
        "flat", "single", "one", "two", "arm", "alternating", "alternate", "unilateral",
        "wide", "close", "narrow", "grip", "neutral", "reverse", "underhand", "overhand",
        "barbell", "dumbbell", "kettlebell", "cable", "machine", "smith", "band", "banded",
        "bodyweight", "weighted", "assisted", "plate", "bench", "ball", "bar", "ez", "rope",
        "exercise", "variation", "movement", "hold", "version", "focus", "attachment",
        "handle", "up", "down", "over",
    }
)  # fmt: skip
# Patterns close enough that one may stand for the other in a suggestion.
_FAMILIES: tuple[frozenset[Pattern], ...] = (
    frozenset({Pattern.ANTI_EXTENSION, Pattern.ANTI_ROTATION, Pattern.CORE}),
    frozenset({Pattern.SQUAT, Pattern.SPLIT_SQUAT, Pattern.LEGS}),
)
_NON_WORD = re.compile(r"[\W_]+")


# Spellings folded before comparing.
_SPELLINGS = {"flye": "fly", "fli": "fly", "flie": "fly", "db": "dumbbell", "bb": "barbell",
              "kb": "kettlebell", "bw": "bodyweight"}  # fmt: skip


def _word(text: str) -> str:
    # Plurals folded ("rows" and "row"); "press" stays.
    if len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return _SPELLINGS.get(text, text)


def words(name: str) -> list[str]:
    """The name's words: lower case, no punctuation, plurals folded."""
    return [_word(w) for w in _NON_WORD.split(name.casefold()) if w]


def _key(name: str) -> str:
    # Sorted words: plain ratio on these is token_sort_ratio, computed once per choice.
    return " ".join(sorted(words(name)))


def _family(pattern: Pattern) -> frozenset[Pattern]:
    return next((f for f in _FAMILIES if pattern in f), frozenset({pattern}))


class Closest:
    """The catalog entries closest to a name, the choices prepared once."""

    def __init__(
        self, exercises: Sequence[Exercise], preferred: Collection[str] = frozenset()
    ) -> None:
        """``preferred``: ids that go first among entries equally alike (the curated ones)."""
        self.ids = [e.id for e in exercises]
        self._preferred = [e.id in preferred for e in exercises]
        self.choices = [_key(e.name) for e in exercises]
        self._patterns = [e.pattern for e in exercises]
        self._words = [frozenset(words(e.name)) for e in exercises]
        # Each meaningful word -> the entries whose name has it.
        self._postings: dict[str, list[int]] = {}
        for i, e in enumerate(exercises):
            for w in set(words(e.name)) - GENERIC_WORDS:
                self._postings.setdefault(w, []).append(i)
        self._vocabulary = list(self._postings)

    def __call__(self, name: str, limit: int = 3) -> list[str]:
        """The ids of the closest entries, best first (none when nothing is alike)."""
        from rapidfuzz import fuzz, process  # only on a miss: the CLI starts without it

        shared = self._shared_words(name)
        guess = guess_pattern_from_name(name)
        family = _family(guess)
        key = _key(name)
        # Only spelling variants and entries sharing a word can be suggested: the spelling is
        # scored for those alone, not for the whole catalog.
        scores = {
            i: score
            for _choice, score, i in process.extract(
                key, self.choices, scorer=fuzz.ratio, processor=None, limit=None,
                score_cutoff=NEAR_RATIO,
            )
        }  # fmt: skip
        # The generic words typed count among entries alike otherwise ("bench" puts the bench
        # presses before other presses), never on their own.
        generic = set(words(name)) & GENERIC_WORDS
        ranked: list[tuple[int, int, bool, float, int]] = []
        for i in scores.keys() | shared.keys():
            score = scores[i] if i in scores else fuzz.ratio(key, self.choices[i])
            alike = shared.get(i, 0) > 0 and (guess is Pattern.OTHER or self._patterns[i] in family)
            if alike or score >= NEAR_RATIO:
                same = self._patterns[i] is guess
                alikeness = shared.get(i, 0) + (score >= NEAR_RATIO) + same
                also = len(generic & self._words[i])
                ranked.append((alikeness, also, self._preferred[i], score, i))
        ranked.sort(key=lambda r: (-r[0], -r[1], not r[2], -r[3], r[4]))
        return [self.ids[r[-1]] for r in ranked[:limit]]

    def _shared_words(self, name: str) -> dict[int, int]:
        """For each entry, how many of the name's meaningful words it has (a typo counts)."""
        from rapidfuzz import fuzz, process

        counts: dict[int, int] = {}
        typed = {_word(raw): raw for raw in _NON_WORD.split(name.casefold()) if raw}
        for w in typed.keys() - GENERIC_WORDS:
            twins = {w} if w in self._postings else set()
            # A typo's twins; of the word as typed too, when folding a plural took a letter
            # that belonged to it ("pres", a typo of "press", is no plural of "pre").
            for spelled in dict.fromkeys((w, typed[w])) if not twins else ():
                if len(spelled) > 3:
                    found = process.extract(
                        spelled, self._vocabulary, scorer=fuzz.ratio,
                        score_cutoff=WORD_TYPO_RATIO,
                    )  # fmt: skip
                    twins |= {t for t, _s, _i in found if t[0] == spelled[0]}
            for i in {i for t in twins for i in self._postings[t]}:
                counts[i] = counts.get(i, 0) + 1
        return counts


def closest(exercises: Sequence[Exercise], name: str, limit: int = 3) -> list[str]:
    """The ids of the catalog entries closest to ``name``, best first."""
    return Closest(exercises)(name, limit)


__all__ = ["GENERIC_WORDS", "NEAR_RATIO", "WORD_TYPO_RATIO", "Closest", "closest", "words"]
