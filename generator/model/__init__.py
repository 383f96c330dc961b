"""The data model: the single definition of every field, its vocabularies and limits."""
