"""Property-based tests: whatever a contributor writes, the validator answers with problems, never raises."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model.offre import Offre
from generator.pipeline.validate import check_folder

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


def _check(tmp: Path, text: bytes) -> None:
    folder = tmp / "offers" / "ccas-fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "offre.yml").write_bytes(text)
    result = check_folder((str(tmp / "offers"), "ccas-fuzz", ["offre.yml"], False))
    assert result.problems  # at least: no structure.yml
    for problem in result.problems:
        assert problem.file == "offers/ccas-fuzz/offre.yml" and problem.line >= 1 and problem.message


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
