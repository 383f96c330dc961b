import os
import tempfile


def pytest_configure(config):
    # The validation cache of the tests (and of the commands they start) stays out of the user's cache.
    os.environ["CATALOGUE_CACHE"] = tempfile.mkdtemp(prefix="catalogue-cache-tests-")
