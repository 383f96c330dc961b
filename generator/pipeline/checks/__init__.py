"""Rules between fields and against the rest of the catalogue, one module per topic.

Each ``check_*`` module exposes ``offre(offre, ctx)`` and/or ``structure(structure, ctx)``,
generators of :class:`~generator.pipeline.problems.Finding` (a field path, a French message, a
severity). They never raise: a broken value is simply not reported twice. `run` applies them all;
`rules` declares the rules between two fields that the proposal form applies too.
"""
