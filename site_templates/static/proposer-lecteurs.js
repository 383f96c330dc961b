/* « Proposer une offre »: the readers of the form's controls, one per type of control (proposer.js reads
   the form control by control in the model's order, each with the reader of its type). A reader gets the
   control's description `c` (from the model), its name in the page and whether an empty answer is an
   error; it returns the value for the file, or undefined (empty or refused). Its errors go to `err`. */
import { $, $$, normaliser } from "./lib.js";
import { trouverCommune } from "./communes.js";
import { HORAIRES, MESSAGE_HORAIRES, courrielValide, lienValide, nettoyer, telephoneNational } from "./proposer-fichier.js";

/* The place's controls are named « lieu.<field> » in the page (proposer.html: one place in the form). */
export const LIEU = "lieu";

/* The readers of the page `form` whose controls are `CHAMPS` (by name, see proposer.js), for the page's data `D`:
   LECTEURS by type of control, VERIFICATIONS by name (the extra checks of a text), and lire(c, nom, requis). */
export function lecteurs({ D, form, CHAMPS, communeSel, INVALIDES, err }) {
  function coches(nom) {
    return CHAMPS[nom].controles.filter((i) => i.type === "checkbox" && i.checked).map((i) => i.value);
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
  /* The territories ticked, then the communes typed: names, postal codes or INSEE codes (communes.js). */
  function zone(c, nom, requis) {
    const v = $$("input[type=checkbox]:checked", CHAMPS[nom].el).map((i) => i.value); // with the intercommunalités' boxes added since
    const saisie = $("[data-zone-communes]", CHAMPS[nom].el);
    let erreurCode = false;
    nettoyer(saisie.value).split(/[,;]+/).map((x) => x.trim()).filter(Boolean).forEach((x) => {
      const r = trouverCommune(x, D.zone.communes, D.codes_postaux);
      if (r.codes) { r.codes.forEach((code) => { if (!v.includes(code)) v.push(code); }); return; }
      erreurCode = true;
      err(nom, r.erreur);
    });
    if (!v.length && !erreurCode && requis) err(nom, "Champ obligatoire : cocher au moins un territoire ou indiquer une commune.");
    if (c.max_elements && v.length > c.max_elements) err(nom, "Trop de codes : " + c.max_elements + " au plus.");
    return v.length ? v : undefined;
  }
  /* Partner structures: the boxes added to the fieldset (proposer-structures.js), read as they are now. */
  function partenaires(c, nom) {
    const v = $$("input[type=checkbox]:checked", CHAMPS[nom].el).map((i) => i.value);
    if (c.max_elements && v.length > c.max_elements) err(nom, "Trop de structures partenaires : " + c.max_elements + " au plus.");
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
    structures: partenaires,
    liste,
    zone,
    langues,
    lieu,
    groupe,
  };
  function lire(c, nom, requis) {
    return LECTEURS[c.type](c, nom, requis);
  }
  return { LECTEURS, VERIFICATIONS, lire };
}
