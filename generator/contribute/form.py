"""The « Proposer une offre » page (/proposer/): a static form generated from the model.

Every field of :class:`~generator.model.offre.Offre` becomes a form control, in model order, with the
model's title, description (help text), limits (maxlength, min, max, number of items) and
vocabularies (checkboxes or a select). The page's script (``proposer.js``) checks the answers with
the validator's rules and messages, writes the YAML file and opens the forge's « new file » page;
nothing is ever sent by the page itself.

Fields a first proposal has no use for are listed in :data:`SKIPPED` (a test checks that every
model field is either in the form or there).
"""

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import phonenumbers
from data_inclusion.schema.base import EnhancedEnum
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator import urls
from generator.contribute.form_data import data_files, departements
from generator.contribute.yamlio import SCHEMA_LINE
from generator.i18n import _
from generator.model import langues
from generator.model.offre import Offre
from generator.model.schema import json_schema
from generator.model.territoire import Territoire
from generator.model.types import Lieu
from generator.model.vocab import Langue, Thematique, categorie_of
from generator.pipeline.checks import rules

# Model fields left out of the form, and why (said on the page and in the guide).
SKIPPED = {
    "statut": "une nouvelle offre est active",
    "doublons_ecartes": "donnée de coordination, renseignée par l'équipe qui coordonne le catalogue",
    "source_externe": "renseignée par « catalogue import » pour une offre reprise d'une autre base",
}
# Fields of a place left out: the coordinates are added by « catalogue geocode » from the address.
SKIPPED_LIEU = {"latitude", "longitude"}
TEXTAREA_FROM = 300  # characters: longer texts get a multi-line box


@dataclass
class Control:
    """One form control (or group of controls) generated from a model field."""

    name: str  # key in the YAML file
    id: str  # HTML id
    label: str
    help: str
    kind: str  # text, textarea, tel, email, url, number, date, select, checkboxes, thematiques, langues, liste, zone, structures, lieu, groupe
    required: bool = False
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    min_items: int | None = None
    max_items: int | None = None
    options: list[dict] = field(default_factory=list)  # {value, label, description}
    groups: list[dict] = field(default_factory=list)  # {legend, options}
    default: Any = None
    check: str = ""  # extra client-side rule: telephone, courriel, lien, horaires, code-postal
    children: list["Control"] = field(default_factory=list)
    example: str = ""


# ----- from the model ------------------------------------------------------------------------------


def _unwrap(prop: dict) -> dict:
    """The non-null branch of an optional property of the JSON schema."""
    if "anyOf" in prop:
        branches = [p for p in prop["anyOf"] if p.get("type") != "null"]
        if len(branches) == 1:
            merged = {k: v for k, v in prop.items() if k != "anyOf"}
            return {**branches[0], **merged}
    return prop


def _enum_class(annotation: Any) -> type[EnhancedEnum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for arg in get_args(annotation):
        found = _enum_class(arg)
        if found is not None:
            return found
    return None


def _validators(annotation: Any) -> set[str]:
    """Names of the model's own validators on a field (``_telephone``, ``_horaires``…)."""
    out: set[str] = set()
    for meta in getattr(annotation, "__metadata__", ()):
        func = getattr(meta, "func", None)
        if func is not None:
            out.add(getattr(func, "__qualname__", func.__name__).split(".<locals>")[0])
    for arg in get_args(annotation):
        out |= _validators(arg)
    return out


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The model of a group of fields (``Places | None``) or of a list's items (``list[Lieu]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in get_args(annotation) if a is not type(None))


def enum_options(enum: type[EnhancedEnum]) -> list[dict]:
    return [{"value": e.value, "label": e.label, "description": e.description or ""} for e in enum]


def _title(name: str, info: FieldInfo) -> str:
    return info.title or name.replace("_", " ").capitalize()


def _example(info: FieldInfo) -> str:
    examples = info.examples or []
    if not examples:
        return ""
    first = examples[0]
    return ", ".join(map(str, first)) if isinstance(first, list) else str(first)


def control(model: type[BaseModel], name: str, schema: dict, prefix: str = "") -> Control:
    """The control of one model field, read from the model and its JSON schema."""
    info = model.model_fields[name]
    prop = _unwrap(schema["properties"][name])
    required = name in schema.get("required", [])
    base = Control(
        name=name,
        id=f"champ-{prefix}{name}".replace("_", "-"),
        label=_title(name, info),
        help=info.description or "",
        kind="text",
        required=required,
        example=_example(info),
    )
    annotation = info.annotation
    enum = _enum_class(annotation)
    checks = _validators(annotation) | {n for meta in info.metadata for n in _validators(Annotated[Any, meta])}
    if enum is not None:
        base.options = enum_options(enum)
        if _is_list(annotation):
            base.kind = "thematiques" if enum is Thematique else "langues" if enum is Langue else "checkboxes"
            base.min_items, base.max_items = prop.get("minItems"), prop.get("maxItems")
            if enum is Thematique:
                groups: dict[str, dict] = {}
                for t in Thematique:
                    c = categorie_of(t)
                    groups.setdefault(c.value, {"legend": c.label, "options": []})["options"].append(
                        {"value": t.value, "label": t.label, "description": t.description or ""}
                    )
                base.groups = sorted(groups.values(), key=lambda g: g["legend"])
            if enum is Langue:  # the frequent ones are boxes to tick; the others are typed (proposer.js)
                base.groups = [{"legend": _("Langues fréquentes"), "options": [o for o in base.options if o["value"] in langues.COURANTES]}]
            if isinstance(info.default, list) and info.default:
                base.default = [getattr(v, "value", v) for v in info.default]
        else:
            base.kind = "select"
            if info.default is not None and not required:
                base.default = getattr(info.default, "value", info.default)
        return base
    if "enum" in prop:  # a Literal: fréquence de mise à jour
        base.kind = "select"
        base.options = [{"value": str(v), "label": str(v), "description": ""} for v in prop["enum"]]
        return base
    if prop.get("type") == "array":
        items = prop.get("items", {})
        base.min_items, base.max_items = prop.get("minItems"), prop.get("maxItems")
        if "$ref" in items:
            base.kind = "lieu"
            return base
        base.kind = "liste"
        base.min_length, base.max_length = items.get("minLength"), items.get("maxLength")
        return base
    if "$ref" in prop:
        base.kind = "groupe"
        return base
    if "_telephone" in checks:
        base.kind, base.check = "tel", "telephone"
        base.max_length = 30
        return base
    if "_horaires" in checks:
        base.check = "horaires"
    if "_digits" in checks and name == "code_postal":
        base.check = "code-postal"
    fmt = prop.get("format")
    if fmt == "email":
        base.kind, base.check, base.max_length = "email", "courriel", 254
    elif fmt == "uri":
        base.kind, base.check, base.max_length = "url", "lien", prop.get("maxLength", 2083)
    elif fmt == "date":
        base.kind = "date"
    elif prop.get("type") in ("integer", "number"):
        base.kind = "number"
        base.integer = prop["type"] == "integer"
        base.minimum, base.maximum = prop.get("minimum"), prop.get("maximum")
    elif prop.get("type") == "boolean":
        base.kind = "boolean"
    elif prop.get("type") == "string":
        base.min_length, base.max_length = prop.get("minLength"), prop.get("maxLength")
        if (base.max_length or 0) > TEXTAREA_FROM and not base.check:
            base.kind = "textarea"
    else:
        raise TypeError(f"champ « {name} » : type non pris en charge par le formulaire et l'outil d'édition ({prop})")
    return base


def controls(structures: list[str] | None = None, model: type[BaseModel] = Offre) -> list[Control]:
    """Every control of the form, in the order of `model` (the offer's model; tests give a copy with one
    more field)."""
    schema = json_schema(model, "offre")
    out = []
    for name in model.model_fields:
        if name in SKIPPED:
            continue
        c = control(model, name, schema)
        if name == "zone_eligibilite":
            c.kind = "zone"
        elif name == "partenaires":
            c.kind = "structures"
        elif c.kind == "lieu":
            lieu = _submodel(model.model_fields[name].annotation) or Lieu
            lieu_schema = json_schema(lieu, "lieu")
            c.children = [control(lieu, n, lieu_schema, "lieu-") for n in lieu.model_fields if n not in SKIPPED_LIEU]
        elif c.kind == "groupe":
            groupe = _submodel(model.model_fields[name].annotation)
            if groupe is None:
                raise TypeError(f"champ « {name} » : groupe de champs sans modèle")
            groupe_schema = json_schema(groupe, name)
            c.children = [control(groupe, n, groupe_schema, f"{name}-") for n in groupe.model_fields]
        out.append(c)
    return out


def spec(c: Control) -> dict:
    """A control as the page's script reads it (``data.controles``): it reads, checks and writes each
    field by its kind, in model order, so that a field added to the model reaches the YAML it writes."""
    out = {"nom": c.name, "type": c.kind, "requis": c.required, "libelle": c.label}
    for key, v in (("verification", c.check), ("min_longueur", c.min_length), ("max_longueur", c.max_length),
                   ("minimum", c.minimum), ("maximum", c.maximum), ("min_elements", c.min_items), ("max_elements", c.max_items)):
        if v not in (None, ""):
            out[key] = v
    if c.integer:
        out["entier"] = True
    if c.default not in (None, "", []):
        out["defaut"] = c.default  # a list left empty takes it: at least one box stays ticked
    if c.kind == "select" and c.options and all(o["value"].isdigit() for o in c.options):
        out["nombre"] = True  # a Literal of numbers (fréquence de mise à jour)
    if c.children:
        out["enfants"] = [spec(child) for child in c.children]
    return out


# ----- reference data shipped with the page -------------------------------------------------------


def invalid_phone_prefixes() -> list[str]:
    """French numbers are 10 digits; these 4-digit prefixes are not attributed (phonenumbers' metadata)."""
    out = []
    for p in range(100, 1000):
        prefix = f"0{p}"
        if not any(phonenumbers.is_valid_number(phonenumbers.parse(prefix + s, "FR")) for s in ("000000", "123456", "999999")):
            out.append(prefix)
    return out


# ----- the page ------------------------------------------------------------------------------------


def forge_info(territoire: Territoire) -> dict | None:
    f = territoire.forge
    if not f:
        return None
    return {"type": f.type, "url": str(f.url).rstrip("/"), "branche": f.branche}


def new_structure_url(territoire: Territoire) -> str:
    """The issue form where a structure not yet in the catalogue asks to be added."""
    f = territoire.forge
    if not f:
        return ""
    base = str(f.url).rstrip("/")
    if f.type == "gitlab":
        return f"{base}/-/issues/new"
    return f"{base}/issues/new?template=proposer-une-offre.yml"


def view(site, model: type[BaseModel] = Offre) -> dict:
    """The page's template context (``site`` is a :class:`generator.site.context.Site`)."""
    from generator.site.formatting import json_script

    territoire = site.territoire
    structures = site.structures
    form_controls = controls(model=model)
    config = {
        "controles": [spec(c) for c in form_controls],
        "regles": rules.for_browser(),
        "entete_yaml": SCHEMA_LINE.format(kind="offre").rstrip("\n"),
        "forge": forge_info(territoire),
        "contact": str(territoire.contact) if territoire.contact else "",
        "nombre_structures": len(structures),
        "telephone_invalides": invalid_phone_prefixes(),
        "langues": {lang.value: lang.label for lang in Langue},
    }
    return {
        **site.commun(urls.PROPOSER, "Proposer une offre", description="Décrire une offre d'insertion et la proposer au catalogue.", section="contribuer"),
        "controls": form_controls,
        "zone": {"departements": departements(site.ref, territoire.departements)},
        "forge": config["forge"],
        "contact": config["contact"],
        "nouvelle_structure": new_structure_url(territoire),
        "config": json_script(config),
        "skipped": SKIPPED,
    }


def write(site, out: Path, model: type[BaseModel] = Offre) -> Path:
    """Render /proposer/index.html into the site folder `out`."""
    from generator.site.render import environment
    from generator.site.render import write as write_file

    html = environment().get_template("proposer.html").render(**view(site, model))
    path = out / urls.PROPOSER / "index.html"
    write_file(path, html)
    for rel, text in data_files(site):
        write_file(out / rel, text)
    return path
