"""État de l'offre: the coordinators' view (analysis, then pages)."""
