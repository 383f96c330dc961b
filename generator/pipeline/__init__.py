"""The pipeline: load → validate (checks, cache) → enrich."""
