/* « Proposer une offre », without the page (node --test imports it): the validator's rules that the
   browser can apply, the rules between fields that the page gives (`regles`), the offer's file name
   and YAML text, the forge's prefilled "new file" URL. */

export function aujourdhui(d = new Date()) {
  return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
}

/* Control characters are dropped (tabs become spaces); multi-line texts keep their line breaks. */
export function nettoyer(v, multiligne) {
  v = String(v || "").replace(/\r\n?/g, "\n").replace(/\t/g, " ");
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  v = v.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, "");
  if (!multiligne) return v.replace(/\n/g, " ").trim();
  return v.split("\n").map((l) => l.replace(/\s+$/, "")).join("\n").replace(/^\n+|\n+$/g, "").replace(/^\s+$/, "");
}

/* « Atelier CV & lettre » → « atelier-cv-lettre »: the generator's slugify (generator/model/slug.py). */
export function slugifier(texte) {
  // eslint-disable-next-line no-control-regex -- everything outside ASCII is dropped
  let s = String(texte).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x00-\x7f]/g, "").toLowerCase();
  s = s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return s.slice(0, 60).replace(/-+$/, "");
}

/* ----- the validator's rules ----- */

/* A French phone number written « 01 64 00 00 00 », or null; `invalides`: the prefixes no line has
   ({"0199": 1, …}: numbers kept for fiction). */
export function telephoneNational(v, invalides = {}) {
  let s = v.replace(/[\s.\-()]/g, "");
  if (/^\+33/.test(s)) s = "0" + s.slice(3);
  else if (/^0033/.test(s)) s = "0" + s.slice(4);
  if (!/^0[1-9]\d{8}$/.test(s) || invalides[s.slice(0, 4)]) return null;
  return s.replace(/(\d\d)(?=\d)/g, "$1 ");
}

const SPECIAUX = { arpa: 1, invalid: 1, local: 1, localhost: 1, onion: 1, test: 1 };

export function courrielValide(v) {
  if (v.length > 254) return false;
  const m = /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}))$/.exec(v);
  if (!m || m[1].length > 64) return false;
  return !SPECIAUX[m[3].toLowerCase()];
}

export function lienValide(v) {
  if (/\s/.test(v) || v.length > 2083) return false;
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname);
  } catch {
    return false;
  }
}

/* A subset of the OpenStreetMap opening_hours syntax that the validator always reads. */
const JOUR = "(?:Mo|Tu|We|Th|Fr|Sa|Su)", JOURS = JOUR + "(?:-" + JOUR + ")?(?:," + JOUR + "(?:-" + JOUR + ")?)*";
const HEURE = "(?:[01]\\d|2[0-4]):[0-5]\\d", PLAGES = HEURE + "-" + HEURE + "(?:," + HEURE + "-" + HEURE + ")*";
const REGLE = "(?:" + JOURS + " (?:" + PLAGES + "|off)|PH (?:" + PLAGES + "|off)|24/7)";
export const HORAIRES = new RegExp("^" + REGLE + "(?: ?; ?" + REGLE + ")*$");

export const MESSAGE_HORAIRES = "horaires illisibles : utiliser le format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00; PH off » (Mo lundi, Tu mardi, We mercredi, Th jeudi, Fr vendredi, Sa samedi, Su dimanche, PH jours fériés)";

/* ----- rules between fields ------------------------------------------------------------------------
   Declared once in generator/pipeline/checks/rules.py and given by the page (`regles`): the validation
   applies the same table to every file. Paths are arrays (["places", "disponibles"]); the cases of
   tests/js/cas/regles.json are run by both. */

/* The value at `chemin` in an offer's data (null when absent). */
export function valeurA(donnees, chemin) {
  let v = donnees;
  for (const cle of chemin) {
    if (v === null || v === undefined || typeof v !== "object") return null;
    v = v[cle];
  }
  return v === undefined ? null : v;
}

/* Is `v` given, as Python reads it (None, "", 0, false, [] and {} are not)? */
function donne(v) {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

function liste(v) {
  return Array.isArray(v) ? v : [];
}

const REGLES = {
  /* `avant` ≤ `apres` when both are given. */
  ordre(r, offre) {
    const a = valeurA(offre, r.avant), b = valeurA(offre, r.apres);
    if (a === null || b === null || !(a > b)) return null;
    return { champ: r.champ, message: r.message.replace(/\{(avant|apres)\}/g, (m, nom) => String(nom === "avant" ? a : b)) };
  },
  /* `valeur` is used alone in the list `champ`. */
  seul(r, offre) {
    const items = liste(valeurA(offre, r.champ));
    return items.includes(r.valeur) && items.length > 1 ? { champ: r.champ, message: r.message } : null;
  },
  /* When the list `champ` holds `valeur`, `exige` is given (here, or in the structure's file when `structure`). */
  exige(r, offre, structure) {
    if (!liste(valeurA(offre, r.champ)).includes(r.valeur)) return null;
    if (donne(valeurA(offre, r.exige)) || (r.structure && donne(valeurA(structure, r.exige)))) return null;
    return { champ: r.exige, message: r.message };
  },
};

/* The rules of `regles` that `offre` breaks, in the table's order: [{champ (path), message}]. A rule of a
   kind this script does not know stops everything: a rule added to the table is never silently skipped. */
export function problemes(regles, offre, structure = null) {
  const out = [];
  for (const r of regles) {
    const regle = Object.hasOwn(REGLES, r.type) ? REGLES[r.type] : null;
    if (!regle) throw new Error(`règle entre champs de type inconnu « ${r.type} » : proposer-fichier.js ne sait pas l'appliquer`);
    const p = regle(r, offre, structure);
    if (p) out.push(p);
  }
  return out;
}

/* A validator's message (« mode « telephoner » choisi : indiquer… ») as the form shows it: the codes of
   `libelles` ({code: label}) replaced by the labels the page shows, a capital first letter, a final period. */
export function phrase(message, libelles = {}) {
  let s = message.replace(/« ([^«»]+) »/g, (m, code) => (Object.hasOwn(libelles, code) ? "« " + libelles[code] + " »" : m));
  s = s.replace(/\p{L}/u, (c) => c.toUpperCase());
  return /[.!?…]$/.test(s) ? s : s + ".";
}

/* ----- the YAML file (model order, no empty field, codes quoted) ----- */

const CODES = { code_postal: 1, code_insee: 1, zone_eligibilite: 1 };
const DATES = { date_maj: 1, date_debut: 1, date_fin: 1, date: 1 };

function guillemets(s) {
  return JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/\u0085/g, "\\u0085");
}

/* Can `s` be written without quotes, and read back as the same string (YAML 1.1 and 1.2)? */
function simple(s) {
  if (s === "" || s !== s.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`.=<~]/.test(s)) return false;
  // eslint-disable-next-line no-control-regex -- control characters must be quoted
  if (/: |:$| #|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) return false;
  if (/^(y|n|yes|no|true|false|on|off|null)$/i.test(s)) return false;
  if (/^[+-]?[\d.]/.test(s) && /^[\d\s_.:+\-a-fA-FoOxX]+$/.test(s)) return false; // numbers (0x1F too), dates, times
  return true;
}

function scalaire(v, cle, retrait) {
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (CODES[cle]) return guillemets(v);
  if (DATES[cle] && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  // eslint-disable-next-line no-control-regex -- a block scalar cannot hold control characters
  if (v.indexOf("\n") >= 0 && !/^[ \n]/.test(v) && !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(v)) {
    return "|-\n" + v.split("\n").map((l) => (l ? retrait + "  " + l : "")).join("\n");
  }
  return simple(v) ? v : guillemets(v);
}

/* The offer's file: `entete` first (the editor's completion comment, given by the page), then each field
   of `offre` in its order. */
export function yaml(offre, entete) {
  if (typeof entete !== "string" || !entete.startsWith("#")) throw new Error("fichier de l'offre : ligne d'en-tête (commentaire du schéma) manquante");
  const lignes = [entete];
  for (const cle of Object.keys(offre)) {
    const v = offre[cle];
    if (Array.isArray(v)) {
      lignes.push(cle + ":");
      for (const item of v) {
        if (item && typeof item === "object") {
          Object.keys(item).forEach((k, i) => lignes.push((i ? "    " : "  - ") + k + ": " + scalaire(item[k], k, "    ")));
        } else {
          lignes.push("  - " + scalaire(item, cle, "    "));
        }
      }
    } else if (v && typeof v === "object") {
      lignes.push(cle + ":");
      for (const k of Object.keys(v)) lignes.push("  " + k + ": " + scalaire(v[k], k, "  "));
    } else {
      lignes.push(cle + ": " + scalaire(v, cle, ""));
    }
  }
  return lignes.join("\n") + "\n";
}

/* The file's name: the offer's name as a slug, numbered after the structure's `existants` offers. */
export function nomFichier(nom, existants = []) {
  const base = slugifier(nom) || "offre";
  let s = base;
  for (let n = 2; existants.includes(s); n++) s = base + "-" + n;
  return s + ".yml";
}

/* The forge's page that creates the file in offers/<structure>/, prefilled ({type, url, branche}). */
export function urlForge(structure, fichier, texte, forge) {
  if (!forge) return "";
  const dossier = "offers/" + encodeURIComponent(structure);
  if (forge.type === "gitlab")
    return forge.url + "/-/new/" + encodeURI(forge.branche) + "/" + dossier + "?file_name=" + encodeURIComponent(fichier) + "&content=" + encodeURIComponent(texte);
  // Gitea and Forgejo name their editor's routes with an underscore (_new, _edit: see urls.forge_links).
  return forge.url + (forge.type === "gitea" ? "/_new/" : "/new/") + encodeURI(forge.branche) + "/" + dossier + "?filename=" + encodeURIComponent(fichier) + "&value=" + encodeURIComponent(texte);
}

/* « Envoyer par courriel » to the catalogue's `contact`: the YAML in the message. Mail programs do not
   accept links of any length (about 2,000 characters is the common safe limit): above `limite`, the
   message asks for the downloaded file as an attachment instead ({url, complet: false}). */
export const LONGUEUR_COURRIEL = 2000;

export function urlCourriel(contact, structure, fichier, texte, limite = LONGUEUR_COURRIEL) {
  if (!contact) return { url: "", complet: false };
  const chemin = "offers/" + structure + "/" + fichier;
  const debut = "mailto:" + contact + "?subject=" + encodeURIComponent("Nouvelle offre : " + chemin) + "&body=";
  const url = debut + encodeURIComponent("Bonjour,\n\nVoici une offre à ajouter au catalogue (fichier " + chemin + ") :\n\n" + texte);
  if (url.length <= limite) return { url, complet: true };
  return {
    url: debut + encodeURIComponent("Bonjour,\n\nVoici une offre à ajouter au catalogue : le fichier " + fichier + " (à ranger dans " + chemin +
      ") est joint à ce courriel.\n"),
    complet: false,
  };
}
