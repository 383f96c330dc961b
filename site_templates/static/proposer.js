/* « Proposer une offre »: the form is read control by control in the model's order — the page's data
   `controles`, generated from the model by generator/contribute/form.py — each by its type; then the
   rules between fields (`regles`, declared once in generator/pipeline/checks/rules.py) are applied. The
   script writes the YAML file and opens the forge; nothing is sent anywhere by this page. The functions
   without the page (rules, YAML text, file name) are in proposer-fichier.js. */
import { $, $$, normaliser } from "./lib.js";
import {
  HORAIRES, MESSAGE_HORAIRES, aujourdhui, courrielValide, lienValide, nettoyer, nomFichier, phrase, problemes, slugifier,
  telephoneNational, urlForge, yaml,
} from "./proposer-fichier.js";

/* The place's controls are named « lieu.<field> » in the page (proposer.html: one place in the form). */
const LIEU = "lieu";

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

  function coches(nom) {
    return CHAMPS[nom].controles.filter((i) => i.type === "checkbox" && i.checked).map((i) => i.value);
  }

  /* ----- commune suggestions from the postal code ----- */
  const cp = $("#champ-lieu-code-postal"), communeSel = $("#champ-lieu-commune");
  function suggerer() {
    if (!cp || !communeSel) return;
    const code = cp.value.trim(), choix = D.codes_postaux[code] || [], avant = communeSel.value;
    communeSel.textContent = "";
    const vide = document.createElement("option");
    vide.value = "";
    vide.textContent = choix.length ? "Choisir la commune…" : (/^\d{5}$/.test(code) ? "Code postal inconnu dans ce catalogue" : "Indiquer d'abord le code postal");
    communeSel.appendChild(vide);
    choix.forEach((c) => {
      const o = document.createElement("option");
      o.value = c[0];
      o.textContent = c[1] + " (code INSEE " + c[0] + ")";
      communeSel.appendChild(o);
    });
    if (choix.length === 1) communeSel.value = choix[0][0];
    else if (choix.some((c) => c[0] === avant)) communeSel.value = avant;
  }
  if (cp) { cp.addEventListener("input", suggerer); cp.addEventListener("change", suggerer); }

  /* ----- reading and checking, one reader per type of control -----
     A reader gets the control's description `c` (from the model), its name in the page and whether an
     empty answer is an error; it returns the value for the file, or undefined (empty or refused). */
  let erreurs = [];
  function err(nom, message) {
    if (!erreurs.some((e) => e.nom === nom)) erreurs.push({ nom, message });
  }
  function obligatoire(nom, c) { err(nom, "Champ obligatoire : indiquer « " + c.libelle + " »."); }

  /* Extra checks of a text, named by the model (`verification`): the value to write, or undefined. */
  const VERIFICATIONS = {
    telephone(nom, v) {
      const t = telephoneNational(v, INVALIDES);
      if (!t) err(nom, "Numéro de téléphone invalide « " + v + " » : écrire par exemple 01 64 00 00 00 ou +33 1 64 00 00 00.");
      return t || undefined;
    },
    courriel(nom, v) {
      if (!courrielValide(v)) err(nom, "Adresse électronique invalide « " + v + " » : écrire par exemple contact@exemple.fr.");
      return v;
    },
    lien(nom, v) {
      if (!lienValide(v)) err(nom, "Adresse web invalide « " + v + " » : elle doit commencer par https:// (ou http://).");
      return v;
    },
    horaires(nom, v) {
      if (!HORAIRES.test(v)) err(nom, "Horaires illisibles « " + v + " » : " + MESSAGE_HORAIRES.replace(/^horaires illisibles : /, "") + ".");
      return v;
    },
    "code-postal"(nom, v) {
      if (!/^\d{5}$/.test(v)) err(nom, "Code postal invalide « " + v + " » : 5 chiffres attendus.");
      else if (!D.codes_postaux[v]) err(nom, "Code postal inconnu « " + v + " » : aucune commune des départements du catalogue n'a ce code postal.");
      return v;
    },
  };

  function texte(c, nom, requis, multiligne) {
    const v = nettoyer(CHAMPS[nom].controles[0].value, multiligne);
    if (!v) { if (requis) obligatoire(nom, c); return undefined; }
    if (c.min_longueur && v.length < c.min_longueur) err(nom, "Texte trop court : au moins " + c.min_longueur + " caractères.");
    else if (c.max_longueur && v.length > c.max_longueur) err(nom, "Texte trop long : " + c.max_longueur + " caractères au plus.");
    return c.verification ? VERIFICATIONS[c.verification](nom, v) : v;
  }
  function nombre(c, nom, requis) {
    const ctl = CHAMPS[nom].controles[0], brut = ctl.value.trim();
    if (ctl.validity && ctl.validity.badInput) { err(nom, "Nombre attendu."); return undefined; }
    if (brut === "") { if (requis) obligatoire(nom, c); return undefined; }
    const n = Number(brut);
    if (!isFinite(n)) { err(nom, "Nombre attendu."); return undefined; }
    if (c.entier && Math.floor(n) !== n) { err(nom, "Nombre entier attendu (sans virgule)."); return undefined; }
    if (c.minimum !== undefined && n < c.minimum) err(nom, "Valeur trop petite (" + brut + ") : au moins " + c.minimum + ".");
    else if (c.maximum !== undefined && n > c.maximum) err(nom, "Valeur trop grande (" + brut + ") : au plus " + c.maximum + ".");
    return n;
  }
  function date(c, nom, requis) {
    const ctl = CHAMPS[nom].controles[0], v = ctl.value.trim();
    if (ctl.validity && ctl.validity.badInput) { err(nom, "Date attendue au format JJ/MM/AAAA."); return undefined; }
    if (!v) { if (requis) obligatoire(nom, c); return undefined; }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) { err(nom, "Date attendue au format JJ/MM/AAAA."); return undefined; }
    return v;
  }
  function liste(c, nom, requis) {
    const v = nettoyer(CHAMPS[nom].controles[0].value);
    const items = [];
    v.split(/[,;]/).map((x) => x.trim()).filter(Boolean).forEach((x) => { if (!items.includes(x)) items.push(x); });
    if (!items.length) { if (requis) obligatoire(nom, c); return undefined; }
    items.forEach((x) => {
      if (c.min_longueur && x.length < c.min_longueur) err(nom, "« " + x + " » est trop court : au moins " + c.min_longueur + " caractères par élément.");
      else if (c.max_longueur && x.length > c.max_longueur) err(nom, "« " + x.slice(0, 30) + "… » est trop long : " + c.max_longueur + " caractères au plus par élément.");
    });
    if (c.max_elements && items.length > c.max_elements) err(nom, "Liste trop longue : " + c.max_elements + " éléments au plus.");
    return items;
  }
  /* Boxes to tick; a list with a default (modes d'accueil) keeps at least one ticked. */
  function cases(c, nom, requis) {
    const v = coches(nom), min = c.min_elements || 0;
    if (v.length < Math.max(min, 1) && (v.length || requis || c.defaut !== undefined))
      err(nom, Math.max(min, 1) === 1 ? "Champ obligatoire : cocher au moins un choix." : "Cocher au moins " + min + " choix.");
    if (c.max_elements && v.length > c.max_elements) err(nom, "Trop de choix : " + c.max_elements + " au plus.");
    return v.length ? v : undefined;
  }
  function choix(c, nom, requis) {
    const v = CHAMPS[nom].controles[0].value;
    if (!v) { if (requis) obligatoire(nom, c); return undefined; }
    return c.nombre ? Number(v) : v;
  }
  function booleen(c, nom, requis) {
    const v = CHAMPS[nom].controles[0].value;
    if (!v) { if (requis) obligatoire(nom, c); return undefined; }
    return v === "true";
  }
  /* The territories ticked, then the INSEE codes typed. */
  function zone(c, nom, requis) {
    const v = coches(nom);
    const saisie = $("[data-zone-communes]", CHAMPS[nom].el);
    let erreurCode = false;
    nettoyer(saisie.value).split(/[,;\s]+/).filter(Boolean).forEach((code) => {
      if (D.zone.communes[code]) { if (!v.includes(code)) v.push(code); return; }
      erreurCode = true;
      if (D.codes_postaux[code]) err(nom, "Code de territoire inconnu « " + code + " » : c'est un code postal ; utiliser le code INSEE de la commune (" + D.codes_postaux[code].map((x) => x[1] + " : " + x[0]).join(", ") + ").");
      else err(nom, "Code de commune inconnu « " + code + " » : code INSEE d'une commune du catalogue attendu (ex. 91228).");
    });
    if (!v.length && !erreurCode && requis) err(nom, "Champ obligatoire : cocher au moins un territoire ou indiquer une commune.");
    if (c.max_elements && v.length > c.max_elements) err(nom, "Trop de codes : " + c.max_elements + " au plus.");
    return v.length ? v : undefined;
  }
  /* Languages: the ticked boxes, then the names (in French) or ISO 639-1 codes typed in « Autres langues ». */
  function langues(c, nom, requis) {
    const v = coches(nom), noms = D.langues || {}, parNom = {};
    Object.keys(noms).forEach((code) => { parNom[normaliser(noms[code])] = code; });
    const saisie = $("[data-langues-autres]", CHAMPS[nom].el);
    nettoyer(saisie ? saisie.value : "").split(/[,;]+/).map((x) => x.trim()).filter(Boolean).forEach((x) => {
      const code = noms[x.toLowerCase()] ? x.toLowerCase() : parNom[normaliser(x)];
      if (code) { if (!v.includes(code)) v.push(code); return; }
      if (/^(lsf|langue des signes( francaise)?)$/.test(normaliser(x))) err(nom, "La langue des signes française n'a pas de code ISO 639-1 : l'indiquer dans la description de l'offre.");
      else err(nom, "Langue inconnue « " + x + " » : écrire son nom en français (ex. tigrigna) ou son code ISO 639-1 à deux lettres (ex. ti).");
    });
    if (!v.length && requis) err(nom, "Champ obligatoire : indiquer au moins une langue.");
    if (c.max_elements && v.length > c.max_elements) err(nom, "Trop de langues : " + c.max_elements + " au plus.");
    return v.length ? v : undefined;
  }

  /* Groups: absent when every box of their fieldset is empty; once one is filled, the children the model
     requires are required. */
  function rempli(fieldset) {
    return !!fieldset && $$("input,select,textarea", fieldset).some((i) =>
      (i.type === "checkbox" || i.type === "radio" ? i.checked : i.value.trim() !== "") || (i.validity && i.validity.badInput));
  }
  function enfants(c, prefixe, pourQuoi) {
    const out = {}, manquants = [];
    for (const k of c.enfants) {
      if (k.nom === "code_insee" && c.type === "lieu") continue; // given with the commune, below
      const nom = prefixe + k.nom;
      const v = k.nom === "commune" && c.type === "lieu" ? commune(out) : lire(k, nom, false);
      if (v === undefined) { if (k.requis) manquants.push([nom, k]); continue; }
      if (k.nom === "commune" && c.type === "lieu") Object.assign(out, v); else out[k.nom] = v;
    }
    for (const [nom, k] of manquants) {
      if (k.nom === "commune") {
        if (D.codes_postaux[out.code_postal]) err(nom, "Champ obligatoire : choisir la commune du code postal " + out.code_postal + ".");
        // otherwise the postal code is missing or unknown: its own message says so
      } else {
        err(nom, "Champ obligatoire " + pourQuoi + " : indiquer « " + k.libelle + " ».");
      }
    }
    /* In the model's order: commune then code_insee come from the same choice. */
    const ordonne = {};
    for (const k of c.enfants) if (out[k.nom] !== undefined) ordonne[k.nom] = out[k.nom];
    return ordonne;
  }
  /* A place's commune is chosen among those of its postal code: it gives the name and the INSEE code. */
  function commune(lu) {
    const insee = communeSel ? communeSel.value : "";
    const x = (D.codes_postaux[lu.code_postal] || []).find((y) => y[0] === insee);
    return x ? { commune: x[1], code_insee: x[0] } : undefined;
  }
  /* A list of places: the form has one. */
  function lieu(c) {
    if (!rempli($(`[data-groupe="${c.nom}"]`, form))) return undefined;
    return [enfants(c, LIEU + ".", "pour un lieu")];
  }
  function groupe(c) {
    if (!rempli($(`[data-groupe="${c.nom}"]`, form))) return undefined;
    return enfants(c, c.nom + ".", "pour remplir « " + c.libelle + " »");
  }

  const LECTEURS = {
    text: (c, nom, requis) => texte(c, nom, requis, false),
    tel: (c, nom, requis) => texte(c, nom, requis, false),
    email: (c, nom, requis) => texte(c, nom, requis, false),
    url: (c, nom, requis) => texte(c, nom, requis, false),
    textarea: (c, nom, requis) => texte(c, nom, requis, true),
    number: nombre,
    date,
    select: choix,
    boolean: booleen,
    checkboxes: cases,
    thematiques: cases,
    structures: cases,
    liste,
    zone,
    langues,
    lieu,
    groupe,
  };
  function lire(c, nom, requis) {
    return LECTEURS[c.type](c, nom, requis);
  }

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
    const structure = CHAMPS.structure.controles[0].value;
    if (!structure || !D.structures[structure]) err("structure", "Champ obligatoire : indiquer « " + CHAMPS.structure.libelle + " ».");
    const infoStructure = D.structures[structure] || {};

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

  let courant = null;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const r = verifier();
    marquer(r.erreurs);
    if (r.erreurs.length) { resultat.hidden = true; courant = null; return; }
    const texte = yaml(r.offre, ENTETE), fichier = nomFichier(r.offre.nom, (D.structures[r.structure] || {}).offres);
    courant = { texte, fichier };
    sortie.value = texte;
    chemin.textContent = "offers/" + r.structure + "/" + fichier;
    if (lienForge) lienForge.href = urlForge(r.structure, fichier, texte, D.forge);
    etat.textContent = "";
    resultat.hidden = false;
    document.getElementById("proposer-resultat-titre").focus();
  });
  form.addEventListener("input", () => {
    if (courant) { resultat.hidden = true; courant = null; }
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
  const dateMaj = $("#champ-date-maj");
  if (dateMaj && !dateMaj.value) dateMaj.value = aujourdhui();
  const sansJs = document.getElementById("proposer-sans-js");
  if (sansJs) sansJs.hidden = true;
  form.hidden = false;
  suggerer();
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
