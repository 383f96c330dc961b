import os
import tempfile

import pytest

from .support import chromium


def pytest_configure(config):
    # The validation cache of the tests (and of the commands they start) stays out of the user's cache.
    os.environ["CATALOGUE_CACHE"] = tempfile.mkdtemp(prefix="catalogue-cache-tests-")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, once per test module (the browser tests of every folder)."""
    with chromium() as br:
        yield br
