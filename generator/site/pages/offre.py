"""The offer page and the offer's card in lists."""

from babel.numbers import format_decimal

from generator import i18n, urls
from generator.i18n import _, ngettext
from generator.model import horaires, langues
from generator.model.vocab import ModeAccueil, ModeMobilisation, Public, Thematique, categorie_of
from generator.pipeline.enrich import OffreVue
from generator.site.context import Site, tuiles, zone_label
from generator.site.formatting import date_fr, json_script, plain, telephone_view
from generator.site.markdown import markdown
from generator.site.pages import orienter


def horaires_of(expr: str | None) -> dict | None:
    return horaires.texte(expr) if expr else None


def places_view(vue: OffreVue) -> dict | None:
    p = vue.offre.places
    if not p:
        return None
    return {
        "total": p.total,
        "disponibles": p.disponibles,
        "date": date_fr(p.date),
        "date_iso": p.date.isoformat(),
        "a_confirmer": vue.places_a_confirmer,
        "saturation": _(p.saturation.label) if p.saturation else "",
        "texte": (
            _("Aucune place disponible")
            if p.disponibles == 0
            else ngettext("{n} place disponible sur {total}", "{n} places disponibles sur {total}", p.disponibles).format(n=p.disponibles, total=p.total)
        ),
    }


def offre_schedules(vue: OffreVue) -> list[tuple[str, dict]]:
    """(label, schedule) for "ouvert maintenant": each place's hours, else the offer's, else the structure's."""
    o = vue.offre
    default = o.horaires_accueil or vue.structure.horaires_accueil
    out = []
    for lieu in o.lieux:
        expr = lieu.horaires_accueil or default
        if expr:
            out.append((lieu.nom or lieu.commune, horaires.schedule(expr)))
    if not out and default:
        out.append(("", horaires.schedule(default)))
    return out


def card(site: Site, vue: OffreVue) -> dict:
    """An offer in a list (computed once per build)."""
    key = (i18n.current(), vue.id)
    cached = site._cards.get(key)
    if cached is None:
        cached = site._cards[key] = _card(site, vue)
    return cached


def _card(site: Site, vue: OffreVue) -> dict:
    o = vue.offre
    communes = list(dict.fromkeys(lieu.commune for lieu in o.lieux))
    distance = ModeAccueil.A_DISTANCE in o.modes_accueil
    return {
        "id": vue.id,
        "url": urls.offre(vue.id),
        "nom": o.nom,
        "structure": vue.structure.nom,
        "lieux": ", ".join(communes[:3]) + (" …" if len(communes) > 3 else "") if communes else "",
        "a_distance": distance,
        "a_mettre_a_jour": vue.fraicheur == "a-mettre-a-jour",
        "places": places_view(vue),
    }


def offre_view(site: Site, vue: OffreVue) -> dict:
    o, s = vue.offre, vue.structure
    url = urls.offre(vue.id)
    page_url = (site.base_url.rstrip("/") + "/" + url) if site.base_url else "/" + url
    default_hours = o.horaires_accueil or s.horaires_accueil
    lieux = []
    points = []
    for i, lieu in enumerate(o.lieux):
        lat, lon = lieu.latitude, lieu.longitude
        if lat is not None and lon is not None:
            points.append({"lat": lat, "lon": lon, "nom": lieu.nom or o.nom, "i": i})
        lieux.append(
            {
                "nom": lieu.nom or "",
                "adresse": lieu.adresse,
                "complement": lieu.complement_adresse or "",
                "code_postal": lieu.code_postal,
                "commune": lieu.commune,
                "horaires": horaires_of(lieu.horaires_accueil) if lieu.horaires_accueil and lieu.horaires_accueil != default_hours else None,
                "osm": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}" if lat is not None else "",
            }
        )
    partenaires = []
    for p in o.partenaires or []:
        ps = site.structures.get(p)
        partenaires.append({"nom": ps.nom if ps else p, "url": urls.structure(p) if ps else ""})
    mobilisable = [m.value for m in (o.mobilisable_par or [])]
    if mobilisable == ["usagers"]:
        qui = _("La personne peut s'adresser directement à l'offre.")
    elif mobilisable == ["professionnels"]:
        qui = _("Un ou une professionnelle (référent, conseiller) doit orienter la personne.")
    elif mobilisable:
        qui = _("La personne peut s'adresser directement à l'offre, ou être orientée par un ou une professionnelle.")
    else:
        qui = ""
    ages = ""
    if o.age_min is not None and o.age_max is not None:
        ages = _("De {min} à {max} ans.").format(min=o.age_min, max=o.age_max)
    elif o.age_min is not None:
        ages = _("À partir de {min} ans.").format(min=o.age_min)
    elif o.age_max is not None:
        ages = _("Jusqu'à {max} ans.").format(max=o.age_max)
    duree = []
    if o.volume_horaire_hebdomadaire:
        v = o.volume_horaire_hebdomadaire
        entier = v == int(v)
        heures = int(v) if entier else format_decimal(v, locale=i18n.current())
        duree.append(ngettext("{n} heure par semaine", "{n} heures par semaine", int(v) if entier else 2).format(n=heures))
    if o.nombre_semaines:
        duree.append(ngettext("{n} semaine", "{n} semaines", o.nombre_semaines).format(n=o.nombre_semaines))
    session = ""
    if o.date_debut and o.date_fin:
        session = _("Prochaine session du {debut} au {fin}.").format(debut=date_fr(o.date_debut), fin=date_fr(o.date_fin))
    elif o.date_debut:
        session = _("Prochaine session à partir du {debut}.").format(debut=date_fr(o.date_debut))
    schedules = offre_schedules(vue)
    return {
        **site.commun(url, o.nom, description=plain(o.description)[:160]),
        "id": vue.id,
        "nom": o.nom,
        "structure": {"nom": s.nom, "url": urls.structure(vue.structure_id)},
        "public": vue.public,
        "raison": vue.raison_non_publique or "",
        "a_mettre_a_jour": vue.fraicheur == "a-mettre-a-jour",
        "description": markdown(o.description),
        "type": _(o.type.label) if o.type else "",
        "thematiques": [
            {"label": _(Thematique(t).label), "url": urls.thematique(Thematique(t).value), "categorie": _(categorie_of(t).label)}
            for t in o.thematiques
        ],
        "mots_cles": o.mots_cles or [],
        "publics": [_(Public(p).label) for p in (o.publics or [])],
        "publics_precisions": markdown(o.publics_precisions),
        "ages": ages,
        "conditions": markdown(o.conditions_acces),
        "zone": zone_label(site, o.zone_eligibilite),
        "qui": qui,
        "modes_mobilisation": [_(ModeMobilisation(m).label) for m in (o.modes_mobilisation or [])],
        "lien_mobilisation": str(o.lien_mobilisation) if o.lien_mobilisation else "",
        "mobilisation_precisions": markdown(o.mobilisation_precisions),
        "frais": _(o.frais.label) if o.frais else "",
        "frais_precisions": markdown(o.frais_precisions),
        "modes_accueil": [_(ModeAccueil(m).label) for m in o.modes_accueil],
        "lieux": lieux,
        "points": points,
        "horaires": horaires_of(default_hours),
        "horaires_data": json_script([[label, sch] for label, sch in schedules]) if schedules else "",
        "places": places_view(vue),
        "telephone": telephone_view(o.telephone),
        "courriel": o.courriel or "",
        "structure_telephone": telephone_view(s.telephone),
        "structure_courriel": s.courriel or "",
        "duree": ", ".join(duree),
        "session": session,
        "partenaires": partenaires,
        "date_maj": date_fr(o.date_maj),
        "date_maj_iso": o.date_maj.isoformat(),
        "forge": urls.forge_links(site.territoire, vue.id, o.nom, page_url),
        "partenaire": urls.partner_links(site.territoire, vue.id, *((o.places.disponibles, o.places.total) if o.places else ())),
        "selection": {"id": vue.id, "nom": o.nom},
        "tuiles": tuiles(site),
        "langues_parlees": langues.vue([lang.value for lang in o.langues or []]),
        "actions": orienter.actions(vue, [lieu["nom"] or lieu["commune"] for lieu in lieux]),
        "orienter": orienter.orienter(vue, site.base_url, i18n.prefix() + url),
    }
