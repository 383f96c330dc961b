"""Explicit size limits of the catalogue's files and fields (documented in docs/contribuer/limites.md)."""

# A file and its nesting, refused before the model sees them.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_PROBLEMS = 100  # problems listed for one file; the rest are counted

# Fields.
MAX_NOM = 150
MAX_TEXTE_COURT = 2000
MAX_DESCRIPTION = 10000
MAX_LISTE = 100
MAX_LIEUX = 50
MAX_ZONE = 500
MAX_MOT_CLE = 60
MAX_MOTS_CLES = 30
MAX_THEMATIQUES = 30
MAX_HORAIRES = 500
MAX_LANGUES = 30
