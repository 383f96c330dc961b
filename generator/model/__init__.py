"""The catalogue's data model: the single definition of every field.

Field names follow data·inclusion v1 (services and structures); the extensions of this catalogue
(lieux, places, fréquence de mise à jour, âges, partenaires, mots-clés, sessions, statut,
langues, mainteneurs) are documented as such. The JSON Schema, the field tables of the docs, the
contribution form, the CMS configuration and the exports are all generated from these classes.

The model says what one field may hold. Rules between fields, or against the rest of the
catalogue, live in ``generator/pipeline/checks/`` (one module per topic).
"""
