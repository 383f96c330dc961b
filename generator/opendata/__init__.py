"""Open data: every file under ``<site>/donnees/`` (public contract: names and URLs are stable).

- ``offres.json``, ``structures.json``: this catalogue's own model, public fields only, with a header;
- ``data-inclusion/services.json``, ``data-inclusion/structures.json``: the national data·inclusion v1 format,
  also as the national validator's workbook (``data-inclusion.xlsx``) and as CSV;
- ``offres.geojson`` (one Feature per place), ``offres.csv`` (one row per offer);
- ``schema/offre.schema.json``, ``schema/structure.schema.json`` (the YAML files), and the schema of each
  published JSON file (``schema/offres.schema.json``…, generated from the model: opendata/schemas.py);
- ``datapackage.json`` (Frictionless) describing the files above;
- ``modifications.json`` and ``modifications.atom`` (offers by modification date from Git, newest first,
  and the records that left within a window: opendata/history.py); the same `atom` function writes the
  feeds per thématique and per territory (generator/site/feeds.py).

Only the offers listed publicly are exported (``OffreVue.public``: active and not « périmée »); every
structure of the catalogue is. Fields marked ``json_schema_extra={"interne": True}`` in the model
(``Structure.mainteneurs``) never leave the repository. Everything is derived from the catalogue, its Git history and
``generated`` (the publication date: the last commit, or a later day on which offers expired), never from
the clock: two builds of the same commit on the same day write byte-identical files.
"""
