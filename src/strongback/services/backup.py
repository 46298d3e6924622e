"""Use cases of the JSON backup: everything of one user out, and back into an empty account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strongback.domain.errors import Conflict, ImportFormatError
from strongback.interchange.backup_json import backup_document, read_backup, unknown_exercise_field
from strongback.services.ports import Scope


@dataclass(frozen=True)
class RestoreSummary:
    """What a restore wrote."""

    workouts: int
    sets: int
    custom_exercises: int
    plans: int

    def to_public(self) -> dict[str, int]:
        """The summary as JSON."""
        return {
            "workouts": self.workouts,
            "sets": self.sets,
            "custom_exercises": self.custom_exercises,
            "plans": self.plans,
        }


def export_backup(scope: Scope) -> dict[str, Any]:
    """The backup document of everything stored for the user (one consistent read)."""
    with scope.unit_of_work() as uow:
        return backup_document(
            uow.profile.get(),
            uow.custom_exercises.list(),
            uow.plans.list(),
            uow.workouts.list(),
            uow.body_weights.list(),
        )


def restore_backup(scope: Scope, data: Any, *, source: str = "backup file") -> RestoreSummary:
    """Restore a backup document into the user's account, in one transaction.

    The whole document is checked first (ImportFormatError naming the field path and
    ``source``), including that every set names an exercise the catalog or the backup defines.
    A user who already holds workouts, custom exercises or plans is refused (Conflict). The
    profile is replaced by the backup's.
    """
    contents = read_backup(data, source=source)
    missing = unknown_exercise_field(contents, {e.id for e in scope.catalog})
    with scope.unit_of_work(write=True) as uow:
        known = {e.id for e in uow.custom_exercises.list()}
        if missing is not None and missing[1] not in known:
            raise ImportFormatError(
                "names an exercise that neither the catalog nor the backup defines",
                path=source,
                field=missing[0],
                value=missing[1],
            )
        n_workouts, _ = uow.workouts.count()
        if n_workouts or known or uow.plans.list() or uow.body_weights.list():
            raise Conflict(
                "the database already holds training data for this user; "
                "a backup is restored only into an empty database"
            )
        uow.profile.save(contents.profile)
        uow.custom_exercises.add_many(contents.custom_exercises)
        for p in contents.plans:
            uow.plans.save(p.plan, name=p.name, current=p.is_current, created_at=p.created_at)
        for weighing in contents.body_weights:
            uow.body_weights.put(weighing)
        n_sets = uow.workouts.add_many(w for w in contents.workouts if w.sets)
        for workout in contents.workouts:
            if not workout.sets:
                uow.workouts.add(workout)
        uow.commit()
    return RestoreSummary(
        workouts=len(contents.workouts),
        sets=n_sets,
        custom_exercises=len(contents.custom_exercises),
        plans=len(contents.plans),
    )


__all__ = ["RestoreSummary", "export_backup", "restore_backup"]
