"""Open data: one module per published format, under ``<site>/donnees/``."""
