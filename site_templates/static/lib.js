/* The small library every page's module shares: `$`/`$$`/`el`, text normalisation, the interface's messages
   (`t`, `tn`), the URLs the page gives (`url`), "Ma sélection" (kept in this browser), "ouvert maintenant",
   promises kept until they fail, and a French message for unexpected errors.

   Importing this module touches neither the page nor the browser (node --test imports it): `document`,
   `window` and `localStorage` are read only when a function is called. */

/* ----- the page ------------------------------------------------------------------------------------ */

export const $ = (selecteur, racine = document) => racine.querySelector(selecteur);
export const $$ = (selecteur, racine = document) => Array.from(racine.querySelectorAll(selecteur));

/* An element with its attributes and children (elements, or strings appended as text nodes). */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/* Runs `fn` once the page is parsed (module scripts already run then; kept for pages that load them early). */
export function pret(fn) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
  else fn();
}

/* ----- text -------------------------------------------------------------------------------------- */

/* « Évry-Courcouronnes », « l’Haÿ » → « evry courcouronnes », « l hay »: accents, case, hyphens and
   apostrophes ignored, spaces collapsed. Used to compare what a person types with names. */
export function normaliser(texte) {
  return String(texte).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[-'’]/g, " ").replace(/\s+/g, " ").trim();
}

/* ----- messages ---------------------------------------------------------------------------------------
   Written in French in the code; other languages come from messages.<lang>.js (generated from
   generator/locale/<lang>/LC_MESSAGES/messages.po), a classic script that sets window.CatalogueMessages
   before the modules run. */

function messages() {
  return globalThis.CatalogueMessages || {};
}

export function langue() {
  return (globalThis.document && document.documentElement.lang) || "fr";
}

export function remplir(s, vars) {
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

export function t(message, vars) {
  const traduit = messages()[message];
  return remplir(typeof traduit === "string" ? traduit : message, vars);
}

const CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

export function tn(singulier, pluriel, n, vars) {
  const formes = messages()[singulier];
  let s;
  if (Array.isArray(formes)) {
    const regles = new Intl.PluralRules(langue());
    const connues = regles.resolvedOptions().pluralCategories;
    const ordre = CATEGORIES.filter((c) => connues.includes(c));
    s = formes[Math.min(ordre.indexOf(regles.select(n)), formes.length - 1)];
  } else {
    s = n <= 1 ? singulier : pluriel; /* French: 0 and 1 are singular */
  }
  return remplir(s, Object.assign({ n }, vars || {}));
}

export function nombre(x, decimales) {
  return x.toLocaleString(langue(), { maximumFractionDigits: decimales || 0 });
}

/* ----- URLs -----------------------------------------------------------------------------------------
   The page gives its URL patterns in <body data-urls='{"offre": "../offres/{id}/", …}'>, relative to
   itself; the browser code never writes a path of the site. */

/* A pattern with its {placeholders} filled: each value is encoded per path segment, so that an offer id
   « structure/offre » keeps its slash. */
export function remplirMotif(motif, params = {}) {
  return motif.replace(/\{(\w+)\}/g, (m, nom) => {
    if (!(nom in params)) throw new Error(`adresse « ${motif} » : valeur de {${nom}} manquante`);
    return String(params[nom]).split("/").map((segment) => {
      if (segment === "" || segment === "." || segment === "..") throw new Error(`adresse « ${motif} » : valeur de {${nom}} invalide`);
      return encodeURIComponent(segment);
    }).join("/");
  });
}

/* The URL named `nom` among `motifs`, filled with `params`, resolved against `base`. */
export function construireURL(motifs, nom, params, base) {
  const motif = motifs && motifs[nom];
  if (typeof motif !== "string") throw new Error(`adresse inconnue : ${nom}`);
  return new URL(remplirMotif(motif, params), base);
}

/* The page's URL named `nom` (offre, selection, recherche, racine, pagefind, geo), as a URL object. */
export function url(nom, params) {
  return construireURL(JSON.parse(document.body.dataset.urls || "{}"), nom, params, location.href);
}

/* ----- promises kept until they fail ---------------------------------------------------------------- */

/* The promise `fabrique()` makes, kept in `cache` (a Map) under `cle` and shared by every caller, unless
   it fails: it is then forgotten, so that the next call tries again (a network error does not break the
   page until it is reloaded). */
export function retenir(cache, cle, fabrique) {
  let promesse = cache.get(cle);
  if (!promesse) {
    promesse = Promise.resolve().then(fabrique);
    cache.set(cle, promesse);
    promesse.catch(() => {
      if (cache.get(cle) === promesse) cache.delete(cle);
    });
  }
  return promesse;
}

/* ----- "Ma sélection": offers kept in this browser (localStorage) ----------------------------------- */

const CLE = "catalogue-selection";

function lire() {
  try {
    const v = JSON.parse(globalThis.localStorage.getItem(CLE) || "[]");
    return Array.isArray(v) ? v.filter((x) => x && typeof x.id === "string") : [];
  } catch {
    return [];
  }
}
function ecrire(liste) {
  try {
    globalThis.localStorage.setItem(CLE, JSON.stringify(liste));
  } catch {
    /* private mode: nothing kept */
  }
  compteur();
}
function contient(id) { return lire().some((x) => x.id === id); }
function ajouter(id, nom) {
  if (!contient(id)) ecrire([...lire(), { id, nom: nom || id }]);
}
function retirer(id) { ecrire(lire().filter((x) => x.id !== id)); }
function compteur() {
  if (!globalThis.document) return;
  const liste = lire(), n = liste.length;
  $$("[data-selection-compteur]").forEach((e) => {
    e.textContent = n ? String(n) : "";
    e.setAttribute("aria-label", n ? tn("{n} offre", "{n} offres", n) : "");
  });
  // Every "Ajouter à ma sélection" button of the page (offer page, cards of every list): pressed when
  // its offer is in the selection. Its label stays the same; aria-pressed and the style say the state.
  const ids = new Set(liste.map((x) => x.id));
  $$("[data-selection-bouton]").forEach((b) => {
    b.setAttribute("aria-pressed", ids.has(b.getAttribute("data-selection-bouton")) ? "true" : "false");
    b.hidden = false;
  });
}

/* A click on an "Ajouter à ma sélection" button: adds or removes its offer; returns the sentence that
   says what happened (for a live region). */
function basculer(bouton) {
  const id = bouton.getAttribute("data-selection-bouton");
  if (!id) return "";
  if (contient(id)) {
    retirer(id);
    return t("Offre retirée de votre sélection.");
  }
  ajouter(id, bouton.getAttribute("data-nom"));
  return t("Offre ajoutée à votre sélection ({n}).", { n: lire().length });
}

export const selection = { lire, ecrire, contient, ajouter, retirer, compteur, basculer };

/* ----- "ouvert maintenant": French public holidays, for schedules marked "PH off" -------------------- */

export function paques(y) {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4,
    f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30,
    i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451),
    mois = Math.floor((h + l - 7 * m + 114) / 31), jour = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(y, mois - 1, jour);
}

const FERIES_FIXES = ["1-1", "5-1", "5-8", "7-14", "8-15", "11-1", "11-11", "12-25"];

export function ferie(d) {
  if (FERIES_FIXES.includes(`${d.getMonth() + 1}-${d.getDate()}`)) return true;
  const p = paques(d.getFullYear());
  return [1, 39, 50].some((jours) => {
    const x = new Date(p.getFullYear(), p.getMonth(), p.getDate() + jours);
    return x.getMonth() === d.getMonth() && x.getDate() === d.getDate();
  });
}

/* Is a place open at `now` by its weekly schedule `s` ({reg, ph, j: [[[début, fin], …] × 7 days]} in
   minutes)? true / false, or null when the schedule changes over the year (irregular). */
export function ouvert(s, now = new Date()) {
  if (!s || !s.reg) return null;
  if (s.ph === "off" && ferie(now)) return false;
  const jour = (now.getDay() + 6) % 7, min = now.getHours() * 60 + now.getMinutes();
  return (s.j[jour] || []).some((r) => r[0] <= min && min < r[1]);
}

/* ----- unexpected errors ------------------------------------------------------------------------------ */

let zoneErreur = null;

/* Tells the visitor, in a live region at the top of the content, that something went wrong. The region
   is put in the page empty, then filled: screen readers announce the change. */
export function signalerErreur() {
  if (!zoneErreur || !zoneErreur.isConnected) {
    zoneErreur = document.createElement("p");
    zoneErreur.id = "cat-erreur";
    zoneErreur.setAttribute("role", "alert");
    (document.getElementById("contenu") || document.querySelector("main") || document.body).prepend(zoneErreur);
  }
  const region = zoneErreur;
  setTimeout(() => {
    region.className = "cat-alerte cat-alerte--fort";
    region.textContent = t("Une erreur est survenue : une partie de la page n'a pas pu se charger. Vérifiez votre connexion puis réessayez.");
  }, 50);
}

/* Once the page works again (a search answered after a failed download), the message goes. */
export function effacerErreur() {
  if (zoneErreur) {
    zoneErreur.remove();
    zoneErreur = null;
  }
}

/* Every error nobody caught (a failed download, a bug) is said to the visitor; the browser still logs it. */
export function ecouterErreurs() {
  window.addEventListener("unhandledrejection", signalerErreur);
  window.addEventListener("error", signalerErreur);
}
