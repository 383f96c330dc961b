"""libyaml through PyYAML: the document built in one walk over the nodes, and PyYAML's messages in French."""

import re
from typing import Any

import yaml

from generator.model.limits import MAX_DEPTH
from generator.model.types import CONTROL

ALIAS_MESSAGE = "les ancres et alias YAML (&, * et <<) ne sont pas acceptés : recopier la valeur"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP, _SEQ, _MAP = (
    f"tag:yaml.org,2002:{t}" for t in ("str", "null", "bool", "int", "float", "timestamp", "seq", "map")
)


_MERGE = "tag:yaml.org,2002:merge"
MAX_DIGITS = 30


def visible_char(c: str) -> str:
    return c.encode("unicode_escape").decode("ascii")


def tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"étiquette YAML « {shown} » non acceptée : écrire la valeur simplement, sans étiquette"


class Loader(yaml.CSafeLoader):
    """libyaml parser with stricter, partner-friendly scalar rules.

    The document is built by `construct_document` in one recursive walk over the nodes, without
    PyYAML's generic machinery (constructor lookup, generators, bookkeeping of recursive objects),
    in half the time PyYAML takes to build it. Tags it does not know go to PyYAML, which builds them
    or refuses them in its own words."""

    def __init__(self, stream):
        super().__init__(stream)
        self.findings: list[tuple[yaml.Node, str, str]] = []  # node, field name, message
        self._seen: set[int] = set()  # ids of the nodes already built: a second visit is an alias
        self._alias_seen = False

    def construct_document(self, node):
        try:
            return self._build(node, 0)
        finally:
            self._seen.clear()

    def _build(self, node, depth: int):
        if id(node) in self._seen:
            if not self._alias_seen:  # said once per file: a "billion laughs" file would say it a billion times
                self.findings.append((node, "", ALIAS_MESSAGE))
                self._alias_seen = True
            return None
        self._seen.add(id(node))
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode:
            if tag == _STR:
                control = CONTROL.search(node.value)
                if control:  # written as an escape in quotes ("\0", "\e"): libyaml only refuses them raw
                    self.findings.append((node, "", f"caractère de contrôle interdit ({visible_char(control.group())}) : le retirer du texte"))
                return node.value
            if tag == _NULL:
                return None
            if tag == _INT:
                return self.construct_yaml_int(node)
            if tag == _FLOAT:
                return self.construct_yaml_float(node)
            if tag == _TIMESTAMP:
                return self.construct_yaml_timestamp(node)
            if tag == _BOOL:
                return self.construct_yaml_bool(node)
            self.findings.append((node, "", ALIAS_MESSAGE if tag == _MERGE else tag_message(tag)))
            return None
        if depth >= MAX_DEPTH:
            self.findings.append((node, "", f"valeur trop imbriquée (plus de {MAX_DEPTH} niveaux)"))
            return None
        if kind is yaml.SequenceNode and tag == _SEQ:
            return [self._build(child, depth + 1) for child in node.value]
        if kind is yaml.MappingNode and tag == _MAP:
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:  # « <<: *ancre »
                    self.findings.append((key_node, "", ALIAS_MESSAGE))
                    continue
                key = self._build(key_node, depth + 1)
                if not isinstance(key, str):
                    shown = "vide" if key is None else key
                    self.findings.append((key_node, "", f"nom de champ invalide « {shown} » : un nom de champ est un mot"))
                    continue
                if key in mapping:
                    self.findings.append((key_node, key, f"champ « {key} » présent deux fois : garder une seule ligne"))
                    continue
                mapping[key] = self._build(value_node, depth + 1)
            return mapping
        self.findings.append((node, "", tag_message(tag)))  # !!binary, !!set, !!omap, !!str on a mapping…
        return None

    def construct_yaml_int(self, node):
        text = node.value
        if len(text) > MAX_DIGITS:  # Python refuses to read more than 4,300 digits (in English)
            return text  # left as text: the model says which number it expected
        # 0164000000 is a phone number and 01001 a commune code, not octal numbers; 12:30 is not 750.
        if (len(text) > 1 and text[0] == "0" and text.isdigit()) or ":" in text:
            return text
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return node.value  # 2026-13-45: left as text, the model then says which date is wrong

    def construct_yaml_float(self, node):
        if ":" in node.value:
            return node.value
        return super().construct_yaml_float(node)


Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_yaml_float)
Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
# YAML 1.1 reads yes/no/on/off as booleans ("no" for Norwegian becomes False): only true/false are.
Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
YAML_MESSAGES = [
    ("mapping values are not allowed", "« : » inattendu : mettre la valeur entre guillemets si elle contient « : »"),
    ("could not find expected ':'", "il manque « : » après le nom du champ (ou un guillemet n'est pas fermé)"),
    ("did not find expected key", "indentation incorrecte : aligner ce champ sur les autres"),
    ("did not find expected '-'", "indentation incorrecte dans la liste"),
    ("found unexpected end of stream", "fin de fichier inattendue : un guillemet n'est-il pas fermé ?"),
    ("found undefined alias", ALIAS_MESSAGE),
    ("found invalid Unicode character escape code", "séquence d'échappement Unicode invalide (\\u…) : écrire le caractère lui-même"),
    ("block sequence entries are not allowed", "« - » inattendu : une liste commence à la ligne suivante, sous le nom du champ"),
    ("found unknown escape character", "caractère d'échappement inconnu après « \\ » : doubler la barre ou utiliser des guillemets simples"),
    ("control characters are not allowed", "caractère de contrôle interdit dans le fichier"),
    ("but found another document", "un seul document par fichier : supprimer la ligne « --- »"),
    ("did not find expected ',' or ']'", "liste entre crochets non fermée : ajouter « ] » (ou mettre le texte entre guillemets)"),
    ("did not find expected ',' or '}'", "groupe entre accolades non fermé : ajouter « } »"),
    ("found unexpected ':'", "« : » inattendu : mettre la valeur entre guillemets"),
    ("did not find expected node content", "valeur manquante ou caractère inattendu entre crochets ou accolades : mettre le texte entre guillemets"),
]


def yaml_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    for english, french in YAML_MESSAGES:
        if english in problem:
            return french
    return f"syntaxe YAML invalide ({problem})"
