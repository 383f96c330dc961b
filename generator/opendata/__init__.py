"""Open data: every file under ``<site>/donnees/`` (public contract: names and URLs are stable).

- ``offres.json``, ``structures.json``: this catalogue's own model, public fields only, with a header;
- ``data-inclusion/services.json``, ``data-inclusion/structures.json``: the national data·inclusion v1 format;
- ``offres.geojson`` (one Feature per place), ``offres.csv`` (one row per offer);
- ``schema/offre.schema.json``, ``schema/structure.schema.json``;
- ``datapackage.json`` (Frictionless) describing the files above;
- ``modifications.json`` and ``modifications.atom`` (offers by update date, newest first); the same
  `atom` function writes the feeds per thématique and per territory (generator/site/feeds.py).

Only the offers listed publicly are exported (``OffreVue.public``: active and not « périmée »); every
structure of the catalogue is. Fields marked ``json_schema_extra={"interne": True}`` in the model
(``Structure.mainteneurs``) never leave the repository. Everything is derived from the catalogue and
from ``generated`` (the date of the last commit), never from the clock: two builds of the same commit
write byte-identical files.
"""
