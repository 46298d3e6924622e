"""The data shipped with the package: the curated catalog (exercises.toml) and the extended
catalog built from free-exercise-db (extended_exercises.json). Read through
``strongback.domain.catalog``; nothing to import from here."""

__all__: list[str] = []
