"""Consistency between the fields of one offer (a field may be None when its value was invalid)."""

from collections.abc import Iterator

from generator.model.offre import Offre
from generator.model.vocab import ModeAccueil, ModeMobilisation, Public
from generator.pipeline.checks.context import Context
from generator.pipeline.problems import Finding


def offre(o: Offre, ctx: Context) -> Iterator[Finding]:
    if o.nom and o.nom.endswith(".") and not o.nom.endswith("etc."):
        yield Finding(("nom",), "le nom ne se termine pas par un point", "avertissement")
    if o.publics and Public.TOUS_PUBLICS in o.publics and len(o.publics) > 1:
        yield Finding(("publics",), "« tous-publics » s'utilise seul : retirer les autres publics ou « tous-publics »")
    if o.age_min is not None and o.age_max is not None and o.age_min > o.age_max:
        yield Finding(("age_max",), f"âge maximum ({o.age_max}) inférieur à l'âge minimum ({o.age_min})")
    if o.date_debut and o.date_fin and o.date_debut > o.date_fin:
        yield Finding(("date_fin",), f"la session finit ({o.date_fin}) avant de commencer ({o.date_debut})")
    if o.places and o.places.disponibles > o.places.total:
        yield Finding(
            ("places", "disponibles"),
            f"plus de places disponibles ({o.places.disponibles}) que de places au total ({o.places.total})",
        )
    modes_accueil = o.modes_accueil or []
    if ModeAccueil.EN_PRESENTIEL in modes_accueil and o.lieux == []:
        yield Finding(
            ("lieux",),
            "offre en présentiel sans lieu : ajouter au moins un lieu, ou indiquer « modes_accueil: [a-distance] »",
        )
    if o.lieux and o.modes_accueil and ModeAccueil.EN_PRESENTIEL not in o.modes_accueil:
        yield Finding(("modes_accueil",), "des lieux sont indiqués : ajouter « en-presentiel » aux modes d'accueil", "avertissement")
    vues: set[str] = set()
    for i, langue in enumerate(o.langues or []):
        if langue in vues:
            yield Finding(("langues", i), f"langue en double « {langue.value} » : l'enlever", "avertissement")
        vues.add(langue)
    structure = ctx.structure
    modes = o.modes_mobilisation or []
    if ModeMobilisation.UTILISER_LIEN_MOBILISATION in modes and not o.lien_mobilisation:
        yield Finding(("lien_mobilisation",), "mode « utiliser-lien-mobilisation » choisi : indiquer le lien de mobilisation")
    if ModeMobilisation.TELEPHONER in modes and not (o.telephone or (structure and structure.telephone)):
        yield Finding(("telephone",), "mode « telephoner » choisi : indiquer un téléphone (ici ou dans structure.yml)")
    if ModeMobilisation.ENVOYER_UN_COURRIEL in modes and not (o.courriel or (structure and structure.courriel)):
        yield Finding(("courriel",), "mode « envoyer-un-courriel » choisi : indiquer un courriel (ici ou dans structure.yml)")
