"""Use cases that wire the domain to storage, shared by the CLI and (later) the web app."""
