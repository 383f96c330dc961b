"""Partners' free text: plain paragraphs skip the Markdown parser, and must come out exactly as the
parser would write them."""

import random
from pathlib import Path

import pytest
import yaml

from generator.site import markdown

ROOT = Path(__file__).resolve().parents[2]
FIELDS = ("description", "conditions_acces", "publics_precisions", "mobilisation_precisions", "frais_precisions")
# Pieces that Markdown reads as syntax, and whitespace it treats apart.
PIECES = ["12", "3", "2024 ", "1)", "10.", "1. ", "- ", "# ", "&amp;", "**", "---", "===", "http://x.fr", "  \n", "\n\n\n",
          "\u00a0", "\u2028", "\u3000", "\f", "\v", "\t", "\r", *"ab cdé\n\n  -*_#>.)[]()<>&\"'«»!:/\\`~|=+"]


def parsed(text: str) -> str:
    return markdown._md.renderer.render(markdown._clean(markdown._md.parse(text)), markdown._md.options, {})


def sample_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "offers").glob("*/*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        texts += [data[f] for f in FIELDS if isinstance(data.get(f), str)]
    return texts


def test_plain_paragraphs_are_written_as_the_parser_writes_them():
    rng = random.Random(20261123)
    texts = sample_texts() + ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 25))) for _ in range(60_000)]
    fast = 0
    for text in texts:
        shortcut = markdown._paragraphs(text)
        if shortcut is not None:
            fast += 1
            assert shortcut == parsed(text), repr(text)
    assert fast > 2_000  # the comparison covered many texts


@pytest.mark.parametrize("text", [
    "Un atelier collectif.\nDeux heures par semaine.\n\nInscription « sur place ».",
    "10 € par jour, caution de 100 €.",
    'Le "permis" accompagné.',
])
def test_ordinary_texts_take_the_shortcut(text):
    assert markdown._paragraphs(text) == parsed(text)


@pytest.mark.parametrize("text", [
    "1. Premier\n2. Second", "- un\n- deux", "Titre\n===", "**gras**", "[lien](https://exemple.fr)", "<b>x</b>",
    "a  \nb", "    code", "> cité", "&eacute;",
])
def test_texts_with_markdown_syntax_are_parsed(text):
    assert markdown._paragraphs(text) is None
    assert markdown.markdown(text) != f"<p>{text}</p>\n"  # the syntax did something
