"""The command-line adapter (Typer + Rich): one module per command group."""

__all__: list[str] = []
