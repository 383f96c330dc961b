"""The `catalogue` command: the pipeline run from the shell (build, serve, validate and the partners' tools)."""
