"""The sample catalogue of the repository (offers/, territoire.yml), built once per test process: the
parcours and print tests follow Mme X's case on it (Corbeil-Essonnes, no car, childcare, mobility, work).

Mme X: lives in Corbeil-Essonnes (INSEE 91174), has a child of 2, no car; needs childcare, mobility and
help to find work."""

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from generator.paths import ROOT

from ..support import Repo

CORBEIL = "91174"
MME_X = f"parcours/?commune={CORBEIL}&besoin=famille--garde-denfants&besoin=mobilite&besoin=trouver-un-emploi&enfant=2&rayon=sans-voiture"
# Three needs that each have three offers with a free place within 20 km of Corbeil-Essonnes.
TROIS_FOIS_TROIS = f"parcours/?commune={CORBEIL}&besoin=mobilite&besoin=trouver-un-emploi&besoin=se-former"


@cache
def built_sample() -> Path:
    """The sample site, built from the repository's own offers (the pinned date of tests/site/conftest.py)."""
    tmp = Path(tempfile.mkdtemp(prefix="site-exemple-"))
    atexit.register(shutil.rmtree, tmp, True)
    repo = Repo(ROOT)
    repo.site = tmp / "site"
    repo.build()
    return repo.site
