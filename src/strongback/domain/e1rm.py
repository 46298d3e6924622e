"""Estimated one-rep max: the Epley and Brzycki formulas [SSF][BEF] with reps in reserve added to
the reps (effective reps = reps + RIR) [RTS][REY06], the inverse (the load for N reps at a target
RIR) and the RTS chart of %1RM by reps and RPE [RTS].

A movement that carries the body (a pull-up, a dip) moves the body weight plus the load logged: a
negative load is assistance. When the body weight is known, its estimated max counts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from strongback.domain.errors import InvalidInput

# Linear e1RM equations hold up to about 10 reps [REY06][LES97]; beyond about 12 the estimates of
# the published formulas spread by a quarter or more [WHI03], so they are flagged as rough.
TRUSTED_MAX_REPS = 10.0
FAIR_MAX_REPS = 12.0
# Brzycki's w*36/(37 - r) has a pole at 37 reps: it is undefined there and beyond [SSF].
BRZYCKI_POLE = 37.0

# RTS chart: %1RM = P[2(reps - 1) + 2(10 - RPE)], half RPE steps included [RTS].
RTS_PERCENTAGES: tuple[float, ...] = (
    100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0,
    83.7, 82.4, 81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3,
    70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6,
)  # fmt: skip


class Confidence(StrEnum):
    """How far an e1RM can be trusted, from the effective reps it was computed from."""

    HIGH = "high"  # at most 10 effective reps [REY06]
    FAIR = "fair"  # 11-12 effective reps
    ROUGH = "rough"  # more than 12 effective reps [WHI03]


def _check(weight: float, reps: float, rir: float | None) -> float:
    if not weight > 0 or weight != weight or weight == float("inf"):
        raise InvalidInput(f"weight must be a number above 0, not {weight}")
    if not reps >= 1 or reps == float("inf"):
        raise InvalidInput(f"reps must be at least 1, not {reps}")
    if rir is not None and (not rir >= 0 or rir > 10):
        raise InvalidInput(f"reps in reserve must be between 0 and 10, not {rir}")
    return reps + (rir or 0.0)


def effective_reps(reps: float, rir: float | None = None) -> float:
    """Reps done plus reps left in reserve: the reps a set to failure would have reached [RTS]."""
    return reps + (rir or 0.0)


def epley(weight: float, reps: float, rir: float | None = None) -> float:
    """Epley's e1RM, w(1 + r/30), with r the effective reps [SSF][BEF].

    One effective rep is the weight itself (the formula would add 1/30 to a true single).
    """
    r = _check(weight, reps, rir)
    return weight if r <= 1 else weight * (1 + r / 30)


def brzycki(weight: float, reps: float, rir: float | None = None) -> float | None:
    """Brzycki's e1RM, w*36/(37 - r), with r the effective reps [SSF][BEF]; None from 37 reps on."""
    r = _check(weight, reps, rir)
    if r >= BRZYCKI_POLE:
        return None
    return weight * 36 / (37 - r)


def confidence(effective: float) -> Confidence:
    """How far an estimate from this many effective reps can be trusted [REY06][WHI03]."""
    if effective <= TRUSTED_MAX_REPS:
        return Confidence.HIGH
    if effective <= FAIR_MAX_REPS:
        return Confidence.FAIR
    return Confidence.ROUGH


def _factor(effective: float) -> float:
    """The e1RM multiplier of the combined estimate for a number of effective reps.

    Up to 12 effective reps: the mean of Epley and Brzycki (they agree at 10 reps). Beyond 12,
    Brzycki climbs steeply toward its pole (x2.12 at 20 reps), so the estimate follows Epley
    alone, the more conservative of the two; the switch keeps the factor increasing.
    """
    if effective <= 1:
        return 1.0
    e = 1 + effective / 30
    if effective <= FAIR_MAX_REPS:
        return (e + 36 / (37 - effective)) / 2
    return e


@dataclass(frozen=True)
class E1rmEstimate:
    """The estimates for one set: each formula, the combined estimate and how far to trust it."""

    weight: float
    reps: float
    rir: float | None
    effective_reps: float
    epley: float
    brzycki: float | None
    estimate: float
    confidence: Confidence
    body_weight: float | None = None  # part of ``weight`` when the movement carries the body

    @property
    def trusted(self) -> bool:
        """True within 10 effective reps, where the formulas are validated [REY06]."""
        return self.confidence is Confidence.HIGH

    def to_public(self, ndigits: int = 1) -> dict[str, object]:
        """The public JSON shape (rounded numbers); ``body_weight`` only when one counted."""
        body = {} if self.body_weight is None else {"body_weight": self.body_weight}
        return {
            **body,
            "weight": self.weight,
            "reps": self.reps,
            "rir": self.rir,
            "effective_reps": self.effective_reps,
            "epley": round(self.epley, ndigits),
            "brzycki": None if self.brzycki is None else round(self.brzycki, ndigits),
            "estimate": round(self.estimate, ndigits),
            "trusted": self.trusted,
            "confidence": self.confidence.value,
        }


def estimate_e1rm(
    weight: float, reps: float, rir: float | None = None, *, body_weight: float | None = None
) -> E1rmEstimate:
    """Both formulas, the combined estimate and its confidence for ``weight x reps @ RIR``.

    With ``body_weight`` (same unit) the movement carries the body: the load is the body weight
    plus ``weight`` (negative: assistance), and the estimate's ``weight`` is that total.
    Raises InvalidInput for a load not above 0, reps under 1 or RIR outside 0-10.
    """
    if body_weight is not None:
        weight = weight + body_weight
    r = _check(weight, reps, rir)
    return E1rmEstimate(
        weight=weight,
        reps=reps,
        rir=rir,
        effective_reps=r,
        epley=epley(weight, reps, rir),
        brzycki=brzycki(weight, reps, rir),
        estimate=weight * _factor(r),
        confidence=confidence(r),
        body_weight=body_weight,
    )


def load_for_reps(e1rm: float, reps: float, rir: float = 0.0) -> float:
    """The inverse: the load that allows ``reps`` with ``rir`` left, from an e1RM.

    It inverts the combined estimate, so ``estimate_e1rm(load_for_reps(x, r, q), r, q)`` is ``x``.
    """
    if not e1rm > 0:
        raise InvalidInput(f"e1RM must be above 0, not {e1rm}")
    r = _check(1.0, reps, rir)
    return e1rm / _factor(r)


def rts_percent(reps: int, *, rpe: float | None = None, rir: float | None = None) -> float:
    """%1RM for ``reps`` at an RPE (or RIR: RPE = 10 - RIR) from the RTS chart [RTS][Z16].

    The chart covers 1-12 reps and RPE 6.5-10 in half steps for one rep, narrower as reps grow;
    anything off the chart is an InvalidInput.
    """
    if rpe is None and rir is None:
        rpe = 10.0
    elif rpe is None:
        assert rir is not None
        rpe = 10.0 - rir
    elif rir is not None and abs(rpe - (10.0 - rir)) > 1e-9:
        raise InvalidInput("give RPE or RIR, not two that disagree")
    if (rpe * 2) % 1:
        raise InvalidInput(f"RPE {rpe} is not in half steps")
    if not 1 <= reps <= 12 or rpe > 10:
        raise InvalidInput(
            f"{reps} reps at RPE {rpe:g} is off the RTS chart (1-12 reps, RPE <= 10)"
        )
    index = 2 * (reps - 1) + round(2 * (10 - rpe))
    if index >= len(RTS_PERCENTAGES):
        raise InvalidInput(f"{reps} reps at RPE {rpe:g} is off the RTS chart")
    return RTS_PERCENTAGES[index]


def rts_load(e1rm: float, reps: int, rir: float = 0.0) -> float:
    """The load for ``reps`` at ``rir`` from an e1RM through the RTS chart [RTS]."""
    return e1rm * rts_percent(reps, rir=rir) / 100


__all__ = [
    "BRZYCKI_POLE",
    "FAIR_MAX_REPS",
    "RTS_PERCENTAGES",
    "TRUSTED_MAX_REPS",
    "Confidence",
    "E1rmEstimate",
    "brzycki",
    "confidence",
    "effective_reps",
    "epley",
    "estimate_e1rm",
    "load_for_reps",
    "rts_load",
    "rts_percent",
]
