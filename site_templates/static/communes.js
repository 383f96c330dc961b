/* Commune names as people type them, without the page (node --test imports it). The browser copy of
   generator/model/communes.py: the same cases run on both sides (tests/js/cas/communes.json). */
import { normaliser } from "./lib.js";

const ABREGES = { st: "saint", ste: "sainte", "st.": "saint", "ste.": "sainte" };
const CEDEX = / cedex(?: \d+)?$/;
const ARRONDISSEMENT = /^(.*?) (\d+)(?: ?(?:er|e|eme|ème))?(?: arrondissement)?$/;

/* « St-Germain-lès-Arpajon » → « saint germain les arpajon »: the key two spellings of one commune share. */
export function cleCommune(nom) {
  return normaliser(nom).split(" ").map((m) => ABREGES[m] || m).join(" ").replace(CEDEX, "");
}

function arrondissement(cle) {
  const m = ARRONDISSEMENT.exec(cle);
  return m ? [m[1], m[2]] : [cle, null];
}

/* Is `saisi` a way of writing the commune officially named `officiel`? */
export function communeCorrespond(saisi, officiel) {
  const a = cleCommune(saisi), b = cleCommune(officiel);
  if (!a) return false;
  if (a === b) return true;
  const [baseA, nA] = arrondissement(a), [baseB, nB] = arrondissement(b);
  return baseA === baseB && (nA === null || nB === null || nA === nB);
}

/* The communes meant by what a person typed in a list of communes (the zone of an offer): an INSEE code of
   `communes` ({code: nom}), a postal code of `codesPostaux` ({cp: [[code, nom], …]}), or a name.
   Returns {codes: [...]} (one or more communes), or {erreur: "…"} in French. */
export function trouverCommune(saisie, communes, codesPostaux) {
  const texte = String(saisie).trim();
  const parCodePostal = /^\d{5}$/.test(texte) ? (codesPostaux[texte] || []).map((x) => x[0]) : [];
  if (Object.hasOwn(communes, texte) && parCodePostal.length && !parCodePostal.includes(texte))
    return { erreur: "« " + texte + " » est le code INSEE de " + communes[texte] + " et le code postal de "
      + (codesPostaux[texte] || []).map((x) => x[1]).join(", ") + " : écrire le nom de la commune." };
  if (Object.hasOwn(communes, texte)) return { codes: [texte] };
  if (/^\d{5}$/.test(texte)) {
    const choix = (codesPostaux[texte] || []).map((x) => x[0]).filter((c) => Object.hasOwn(communes, c));
    if (choix.length) return { codes: choix };
    return { erreur: "« " + texte + " » n'est ni un code INSEE ni un code postal d'une commune du catalogue." };
  }
  if (/^\d/.test(texte)) return { erreur: "« " + texte + " » : code INSEE (5 caractères, ex. 91228) ou code postal (ex. 91000) attendu." };
  const cle = cleCommune(texte);
  const codes = Object.keys(communes).filter((c) => cleCommune(communes[c]) === cle);
  if (codes.length) return { codes };
  const [base, n] = arrondissement(cle);
  const parArrondissement = n ? Object.keys(communes).filter((c) => {
    const [b, m] = arrondissement(cleCommune(communes[c]));
    return b === base && m === n;
  }) : [];
  if (parArrondissement.length) return { codes: parArrondissement };
  const proches = Object.keys(communes).filter((c) => cleCommune(communes[c]).startsWith(cle)).slice(0, 3);
  return {
    erreur: "Commune inconnue « " + texte + " » dans les départements du catalogue"
      + (proches.length ? " : vouliez-vous dire " + proches.map((c) => "« " + communes[c] + " »").join(" ou ") + " ?" : " : vérifier l'orthographe, ou écrire son code postal."),
  };
}
