"""Tools for partners and maintainers: they edit the YAML files, never the other way round."""
