"""Property-based tests: whatever a contributor writes, the validator never raises, points at a line of the file,
and either publishes the offer or says why not."""

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model.offre import Offre
from generator.pipeline.validate import check_folder

from ..support import write_catalogue

FIELDS = list(Offre.model_fields) + ["lieux", "places", "inconnu", ""]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
    st.dates().map(str), st.sampled_from(["91", "91228", "france", "mobilite--preparer-un-permis", "01 99 00 10 10"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4)), max_leaves=20)
documents = st.dictionaries(st.sampled_from(FIELDS), values, max_size=12)


def _dump(doc) -> str:
    import yaml

    return yaml.safe_dump(doc, allow_unicode=True)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CATALOGUE_DATE", "2026-11-23")  # the structure's date_maj is not in the future


LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as the end of a line


def _check(tmp: Path, text: bytes) -> None:
    """The folder has a valid structure.yml: whatever is said is about the random file, and is true of it."""
    repo = write_catalogue(tmp, ["ccas-fuzz"], {"ccas-fuzz/offre": text}, territoire=None)
    result = check_folder((str(repo.offers), "ccas-fuzz", ["offre.yml"], True))
    # A file without a final line break ends on the next line for libyaml, as for editors that add one.
    lines = len(LINE_BREAKS.split(text.decode("utf-8", "replace") + "\n"))
    for problem in result.problems:
        assert problem.file == "offers/ccas-fuzz/offre.yml", problem
        assert 1 <= problem.line <= lines and problem.column >= 1 and problem.message, problem
    # Nothing is dropped in silence: the file is published as an offer, or an error says why not.
    if not any(p.is_error for p in result.problems):
        assert "ccas-fuzz/offre" in result.offres, text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents)
def test_random_documents_never_raise(tmp_path, doc):
    _check(tmp_path, _dump(doc).encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_never_raise(tmp_path, raw):
    _check(tmp_path, raw)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`\t\n ,?~0123456789.")), max_size=120))
def test_random_yaml_syntax_never_raises(tmp_path, text):
    _check(tmp_path, text.encode("utf-8"))
