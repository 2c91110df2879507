"""Connection diagnostics: checks as data, shared by the wizard and the CLI."""
