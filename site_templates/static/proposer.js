/* « Proposer une offre »: the form is read control by control in the model's order — the page's data
   `controles`, generated from the model by generator/contribute/form.py — each by its type; then the
   rules between fields (`regles`, declared once in generator/pipeline/checks/rules.py) are applied. The
   script writes the YAML file and opens the forge; nothing is sent anywhere by this page. The functions
   without the page (rules, YAML text, file name) are in proposer-fichier.js, the readers of the controls
   in proposer-lecteurs.js. */
import { $, $$ } from "./lib.js";
import {
  HORAIRES, aujourdhui, courrielValide, nettoyer, nomFichier, phrase, problemes, slugifier, telephoneNational, urlCourriel, urlForge, yaml,
} from "./proposer-fichier.js";
import { LIEU, lecteurs } from "./proposer-lecteurs.js";
import { ajouterPartenaire, chargeur, libelleStructure, structureDe } from "./proposer-structures.js";
import { chargeurCommunes, intercommunalites } from "./proposer-communes.js";
import { ecrireBrouillon, effacerBrouillon, lireBrouillon, releve, restaure } from "./proposer-brouillon.js";

const form = document.getElementById("proposer");
const donneesEl = document.getElementById("proposer-donnees");
if (form && donneesEl) demarrer(JSON.parse(donneesEl.textContent));

function demarrer(D) {
  if (!Array.isArray(D.controles) || !Array.isArray(D.regles) || typeof D.entete_yaml !== "string")
    throw new Error("Formulaire « Proposer une offre » : données de la page incomplètes (controles, regles, entete_yaml).");
  const resume = document.getElementById("proposer-erreurs");
  const resumeListe = document.getElementById("proposer-erreurs-liste");
  const resumeTitre = document.getElementById("proposer-erreurs-titre");
  const resultat = document.getElementById("proposer-resultat");
  const sortie = document.getElementById("proposer-yaml");
  const chemin = document.getElementById("proposer-chemin");
  const etat = document.getElementById("proposer-etat");
  const lienForge = document.getElementById("proposer-forge");
  const ENTETE = D.entete_yaml; // the comment that gives editors the schema, as the generator writes it
  const INVALIDES = {};
  (D.telephone_invalides || []).forEach((p) => { INVALIDES[p] = 1; });

  /* ----- the page's controls, by name (« nom », « lieu.adresse », « places.total ») ----- */
  const CHAMPS = {};
  $$("[data-champ]", form).forEach((el) => {
    const nom = el.getAttribute("data-champ");
    const controles = el.tagName === "FIELDSET" ? $$("input,select,textarea", el) : [$("input,select,textarea", el)];
    CHAMPS[nom] = {
      nom,
      el,
      controles,
      cible: el.tagName === "FIELDSET" ? el : controles[0],
      erreur: $(":scope > .cat-erreur", el),
      libelle: (($(":scope > label, :scope > legend", el) || {}).textContent || nom).replace(/\(obligatoire[^)]*\)/, "").trim(),
    };
  });
  $$("[aria-describedby]", form).forEach((el) => el.setAttribute("data-decrit", el.getAttribute("aria-describedby")));

  /* ----- the communes of the catalogue's départements: read a département at a time, when a postal code or
     a commune is typed (proposer-communes.js); the readers find them in D.codes_postaux and D.zone.communes */
  D.codes_postaux = {};
  D.zone = { communes: {} };
  const chargerCommunes = chargeurCommunes(D.codes_postaux, D.zone.communes);

  /* ----- the intercommunalités of the zone: a département's boxes, added when it is picked ----- */
  const zoneEl = $("[data-champ=zone_eligibilite]", form);
  const epciEl = zoneEl && $("[data-epci]", zoneEl);
  const epciVoulues = new Set(); // ticked in the draft, ticked when their box arrives
  const epci = epciEl ? intercommunalites(epciEl, "zone_eligibilite", zoneEl.id, epciVoulues) : null;

  /* ----- commune suggestions from the postal code ----- */
  const cp = $("#champ-lieu-code-postal"), communeSel = $("#champ-lieu-commune");
  let communeVoulue = ""; // the draft's commune, chosen once its postal code's communes are read
  async function suggerer() {
    if (!cp || !communeSel) return;
    const code = cp.value.trim();
    let panne = "";
    if (/^\d{5}$/.test(code) && !D.codes_postaux[code]) {
      options([], "Recherche des communes du code postal…");
      try { await chargerCommunes([code]); } catch (e) { panne = e.message; }
      if (cp.value.trim() !== code) return; // typed on meanwhile: the newer call fills the list
    }
    const choix = D.codes_postaux[code] || [];
    options(choix, panne || (choix.length ? "Choisir la commune…" : (/^\d{5}$/.test(code) ? "Code postal inconnu dans ce catalogue" : "Indiquer d'abord le code postal")));
  }
  function options(choix, premier) {
    const avant = communeSel.value || communeVoulue;
    communeSel.textContent = "";
    const vide = document.createElement("option");
    vide.value = "";
    vide.textContent = premier;
    communeSel.appendChild(vide);
    choix.forEach((c) => {
      const o = document.createElement("option");
      o.value = c[0];
      o.textContent = c[1] + " (code INSEE " + c[0] + ")";
      communeSel.appendChild(o);
    });
    if (choix.length === 1) communeSel.value = choix[0][0];
    else if (choix.some((c) => c[0] === avant)) communeSel.value = avant;
    if (choix.length) communeVoulue = "";
  }
  if (cp) { cp.addEventListener("input", suggerer); cp.addEventListener("change", suggerer); }

  /* ----- the structures: fetched apart (proposer-structures.js) when a structure field is first used ----- */
  const STRUCTURES = {};
  const lecteur = chargeur(form.getAttribute("data-structures"), form.getAttribute("data-structures-detail"), document.getElementById("proposer-structures"));
  const chargerStructures = () => lecteur.charger().then((s) => Object.assign(STRUCTURES, s));
  const partenaires = $("[data-structures-choisies]", form);
  const recherchePartenaire = partenaires && $("[data-structures-recherche]", partenaires);
  [$("#champ-structure"), recherchePartenaire].forEach((i) => {
    if (i) i.addEventListener("focus", () => { chargerStructures().catch(() => {}); });
  });
  function ajouter(sid) {
    ajouterPartenaire(partenaires, sid, libelleStructure(sid, STRUCTURES));
  }
  if (partenaires) {
    $("[data-structures-ajouter]", partenaires).addEventListener("click", () => {
      chargerStructures().then(() => {
        const sid = structureDe(recherchePartenaire.value, STRUCTURES);
        const erreur = $(":scope > .cat-erreur", partenaires);
        if (!sid) {
          erreur.textContent = recherchePartenaire.value.trim()
            ? "Structure inconnue « " + recherchePartenaire.value.trim() + " » : la choisir dans la liste proposée."
            : "Taper le début du nom d'une structure, puis la choisir dans la liste.";
          erreur.hidden = false;
          recherchePartenaire.focus();
          return;
        }
        erreur.hidden = true;
        ajouter(sid);
        recherchePartenaire.value = "";
        garder();
      });
    });
  }

  /* ----- reading and checking: the readers of proposer-lecteurs.js ----- */
  let erreurs = [];
  function err(nom, message) {
    if (!erreurs.some((e) => e.nom === nom)) erreurs.push({ nom, message });
  }
  const { LECTEURS, VERIFICATIONS, lire } = lecteurs({ D, form, CHAMPS, communeSel, INVALIDES, err });

  /* Every control the model describes must be one this script reads and one the page shows: a field added
     to the model is never silently left out of the file. */
  function connaitre(controles, prefixe, lieuParent) {
    for (const c of controles) {
      const nom = prefixe + c.nom;
      if (!Object.hasOwn(LECTEURS, c.type))
        throw new Error("Formulaire « Proposer une offre » : le champ « " + nom + " » est de type « " + c.type + " », que proposer.js ne sait pas lire (lui ajouter un lecteur).");
      if (c.verification && !Object.hasOwn(VERIFICATIONS, c.verification))
        throw new Error("Formulaire « Proposer une offre » : vérification « " + c.verification + " » du champ « " + nom + " » inconnue de proposer.js.");
      if (c.type === "lieu" || c.type === "groupe") {
        if (!Array.isArray(c.enfants) || !$(`[data-groupe="${c.nom}"]`, form))
          throw new Error("Formulaire « Proposer une offre » : le groupe « " + nom + " » n'a pas ses champs dans la page.");
        connaitre(c.enfants, c.type === "lieu" ? LIEU + "." : c.nom + ".", c.type === "lieu");
      } else if (!CHAMPS[nom] && !(lieuParent && c.nom === "code_insee")) {
        throw new Error("Formulaire « Proposer une offre » : le champ « " + nom + " » du modèle n'a pas de contrôle dans la page.");
      }
    }
  }
  connaitre(D.controles, "", false);
  problemes(D.regles, {}); // a rule of a kind proposer-fichier.js does not know stops the page now

  /* ----- rules between fields ----- */
  /* A rule's path in the offer (["lieux", 0, "adresse"]) → the control's name (« lieu.adresse »). */
  const PREFIXES = {};
  D.controles.forEach((c) => { if (c.type === "lieu") PREFIXES[c.nom] = LIEU; });
  function nomChamp(chemin) {
    const parties = chemin.filter((p) => typeof p === "string");
    if (Object.hasOwn(PREFIXES, parties[0])) parties[0] = PREFIXES[parties[0]];
    return parties.join(".");
  }
  /* The labels the page shows for the codes the rules name (« telephoner » → « Téléphoner »). */
  function libellesDesChoix(nom) {
    const out = {};
    for (const i of (CHAMPS[nom] || { controles: [] }).controles) {
      if (i.tagName === "SELECT") {
        for (const o of i.options) if (o.value) out[o.value] = o.textContent.trim();
      } else if (i.type === "checkbox") {
        const l = form.querySelector(`label[for="${CSS.escape(i.id)}"]`);
        if (l && l.firstChild) out[i.value] = l.firstChild.textContent.trim();
      }
    }
    return out;
  }
  const LIBELLES = {};
  D.regles.forEach((r) => {
    if (typeof r.valeur !== "string" || !Array.isArray(r.champ)) return;
    const l = libellesDesChoix(nomChamp(r.champ))[r.valeur];
    if (l) LIBELLES[r.valeur] = l;
  });

  function verifier() {
    erreurs = [];
    const saisie = CHAMPS.structure.controles[0].value.trim(), structure = structureDe(saisie, STRUCTURES);
    if (!saisie) err("structure", "Champ obligatoire : indiquer « " + CHAMPS.structure.libelle + " ».");
    else if (!structure) err("structure", "Structure inconnue « " + saisie + " » : taper le début de son nom et la choisir dans la liste proposée.");
    const infoStructure = STRUCTURES[structure] || {};

    const offre = {};
    for (const c of D.controles) {
      const v = lire(c, c.nom, c.requis);
      if (v !== undefined) offre[c.nom] = v;
    }

    /* Rules of one field that compare with today, or that the form words its own way. */
    if (offre.date_maj && offre.date_maj > aujourdhui()) err("date_maj", "Date de mise à jour dans le futur (" + offre.date_maj + ").");
    if (offre.places && offre.places.date && offre.places.date > aujourdhui()) err("places.date", "Date de comptage des places dans le futur (" + offre.places.date + ").");
    if ((offre.modes_accueil || []).includes("en-presentiel") && !offre.lieux && !erreurs.some((e) => e.nom.startsWith(LIEU + ".")))
      err(LIEU + ".adresse", "Offre en présentiel sans lieu : indiquer l'adresse du lieu d'accueil, ou cocher seulement « À distance ».");
    /* Rules between fields: the validator's table, its messages. */
    for (const p of problemes(D.regles, offre, infoStructure)) err(nomChamp(p.champ), phrase(p.message, LIBELLES));

    /* Errors in the order of the page (a rule about a field the form does not show goes last). */
    const ordre = Object.keys(CHAMPS);
    const rang = (nom) => (ordre.includes(nom) ? ordre.indexOf(nom) : ordre.length);
    erreurs.sort((a, b) => rang(a.nom) - rang(b.nom));
    return { offre, structure, erreurs };
  }

  /* ----- showing errors ----- */
  function marquer(liste) {
    const parNom = {};
    liste.forEach((e) => { parNom[e.nom] = e.message; });
    Object.keys(CHAMPS).forEach((nom) => {
      const c = CHAMPS[nom], message = parNom[nom];
      const decrit = c.cible.getAttribute("data-decrit") || "";
      if (message && c.erreur) {
        c.erreur.textContent = message;
        c.erreur.hidden = false;
        c.cible.setAttribute("aria-describedby", (decrit + " " + c.erreur.id).trim());
        c.controles.forEach((i) => i.setAttribute("aria-invalid", "true"));
      } else {
        if (c.erreur) { c.erreur.textContent = ""; c.erreur.hidden = true; }
        if (decrit) c.cible.setAttribute("aria-describedby", decrit); else c.cible.removeAttribute("aria-describedby");
        c.controles.forEach((i) => i.removeAttribute("aria-invalid"));
      }
    });
    resumeListe.textContent = "";
    if (!liste.length) { resume.hidden = true; return; }
    resumeTitre.textContent = liste.length > 1 ? "Le formulaire contient " + liste.length + " erreurs" : "Le formulaire contient une erreur";
    liste.forEach((e) => {
      const c = CHAMPS[e.nom], li = document.createElement("li");
      if (!c) { // a rule about a field the form does not show
        li.textContent = e.nom + " : " + e.message;
        resumeListe.appendChild(li);
        return;
      }
      const a = document.createElement("a");
      const cible = c.controles.filter((i) => i.type !== "hidden")[0] || c.cible;
      a.href = "#" + cible.id;
      a.textContent = c.libelle + " : " + e.message;
      a.addEventListener("click", (ev) => { ev.preventDefault(); cible.focus(); cible.scrollIntoView({ block: "center" }); });
      li.appendChild(a);
      resumeListe.appendChild(li);
    });
    resume.hidden = false;
    resume.focus();
  }

  /* « Envoyer par courriel »: the file in the message, or attached when too long for a mail link. */
  const lienCourriel = document.getElementById("proposer-courriel");
  const avisCourriel = document.getElementById("proposer-courriel-long");
  function envoyerCourriel(structure, fichier, texte) {
    if (!lienCourriel) return;
    const c = urlCourriel(D.contact, structure, fichier, texte);
    lienCourriel.href = c.url;
    avisCourriel.hidden = c.complet;
  }

  let courant = null;
  const dateMaj = $("#champ-date-maj");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    form.setAttribute("aria-busy", "true"); // until the structures and the communes typed are read
    let champ = "structure";
    try {
      await chargerStructures();
      const sid = structureDe(CHAMPS.structure.controles[0].value, STRUCTURES);
      if (sid) Object.assign(STRUCTURES, await lecteur.details(sid)); // its phone, e-mail, offers' files
      const zone = $("[data-zone-communes]", form);
      champ = cp && cp.value.trim() ? LIEU + ".code_postal" : "zone_eligibilite";
      await chargerCommunes([cp ? cp.value : "", ...nettoyer(zone ? zone.value : "").split(/[,;]+/)]);
    } catch (e) {
      marquer([{ nom: champ, message: e.message }]);
      return;
    } finally {
      form.removeAttribute("aria-busy");
    }
    const r = verifier();
    marquer(r.erreurs);
    if (r.erreurs.length) { resultat.hidden = true; courant = null; return; }
    const texte = yaml(r.offre, ENTETE), fichier = nomFichier(r.offre.nom, (STRUCTURES[r.structure] || {}).offres);
    courant = { texte, fichier };
    sortie.value = texte;
    chemin.textContent = "offers/" + r.structure + "/" + fichier;
    if (lienForge) lienForge.href = urlForge(r.structure, fichier, texte, D.forge);
    envoyerCourriel(r.structure, fichier, texte);
    etat.textContent = "";
    resultat.hidden = false;
    document.getElementById("proposer-resultat-titre").focus();
  });
  form.addEventListener("input", () => {
    if (courant) { resultat.hidden = true; courant = null; }
  });

  /* ----- the draft (proposer-brouillon.js): every answer kept in this browser, as it is typed ----- */
  const etatBrouillon = document.getElementById("proposer-brouillon-etat");
  const horsBrouillon = (c) => c.name === "partenaires" || c.hasAttribute("data-structures-recherche");
  function garder() {
    const cases = partenaires ? $$("input[name=partenaires]", partenaires) : [];
    ecrireBrouillon({ champs: releve(form, horsBrouillon), partenaires: cases.filter((c) => c.checked).map((c) => c.value), intercommunalites: epci ? epci.montres() : [] });
  }
  form.addEventListener("input", garder);
  form.addEventListener("change", garder);
  function reprendre() {
    const d = lireBrouillon();
    if (!d) return;
    communeVoulue = typeof d.champs["champ-lieu-commune"] === "string" ? d.champs["champ-lieu-commune"] : "";
    if (epci && zoneEl) {
      for (const id of Object.keys(d.champs)) if (d.champs[id] === true && id.startsWith(zoneEl.id + "-") && !document.getElementById(id)) epciVoulues.add(id.slice(zoneEl.id.length + 1));
      (Array.isArray(d.intercommunalites) ? d.intercommunalites : []).forEach((dep) => { epci.afficher(String(dep)).catch(() => {}); });
    }
    restaure(form, d.champs, (id) => { if (id === "champ-lieu-code-postal") suggerer(); });
    const sids = Array.isArray(d.partenaires) ? d.partenaires.filter((s) => typeof s === "string") : [];
    if (sids.length && partenaires) {
      sids.forEach((s) => ajouterPartenaire(partenaires, s, s));
      chargerStructures().then(() => sids.forEach(ajouter), () => {});
    }
    etatBrouillon.textContent = "Brouillon repris : vos réponses précédentes sont remises dans le formulaire. « Effacer le brouillon » les retire.";
  }
  document.getElementById("proposer-effacer-brouillon").addEventListener("click", () => {
    effacerBrouillon();
    form.reset();
    if (partenaires) $$("input[name=partenaires]", partenaires).forEach((c) => c.closest("p").remove());
    if (dateMaj) dateMaj.value = aujourdhui();
    suggerer();
    marquer([]);
    resultat.hidden = true;
    courant = null;
    etatBrouillon.textContent = "Brouillon effacé : le formulaire est vide et plus rien n'est gardé dans ce navigateur.";
  });
  document.getElementById("proposer-copier").addEventListener("click", () => {
    if (!courant) return;
    const fait = () => { etat.textContent = "Fichier copié : collez-le dans un nouveau fichier " + courant.fichier + " sur la forge."; };
    const secours = () => {
      sortie.focus();
      sortie.select();
      try { document.execCommand("copy"); fait(); } catch { etat.textContent = "Copie impossible : sélectionnez le texte et copiez-le (Ctrl+C)."; }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(courant.texte).then(fait, secours); else secours();
  });
  document.getElementById("proposer-telecharger").addEventListener("click", () => {
    if (!courant) return;
    const adresse = URL.createObjectURL(new Blob([courant.texte], { type: "application/x-yaml;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = adresse;
    a.download = courant.fichier;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(adresse), 1000);
    etat.textContent = "Fichier " + courant.fichier + " téléchargé.";
  });

  /* Start: the form needs this script; date_maj is today. */
  if (dateMaj && !dateMaj.value) dateMaj.value = aujourdhui();
  const sansJs = document.getElementById("proposer-sans-js");
  if (sansJs) sansJs.hidden = true;
  form.hidden = false;
  suggerer();
  reprendre();
  const epciDep = epciEl && $("[data-epci-departement]", epciEl);
  if (epci && epciDep.value) epci.afficher(epciDep.value).catch(() => {}); // one département: its list at once
  /* For the browser tests (tests/contrib/test_form*.py). */
  window.CatalogueProposer = {
    yaml: (offre) => yaml(offre, ENTETE),
    verifier,
    telephone: (v) => telephoneNational(v, INVALIDES),
    courriel: courrielValide,
    horaires: (v) => HORAIRES.test(v),
    slug: slugifier,
    urlForge: (structure, fichier, texte, forge) => urlForge(structure, fichier, texte, forge || D.forge),
  };
}
