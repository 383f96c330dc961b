"""The public site: pages, search, feeds and the coordinators' « état de l'offre »."""
