/* Search and map pages: Pagefind (text + filters) combined with geo/ data (distance, "ouvert maintenant";
   downloaded by recherche-geo.js), the results listed here and put on the map by recherche-carte.js.
   Every choice is reflected in the URL, so that a search can be bookmarked and shared. */
import { $, effacerErreur, el, normaliser, retenir, selection, t, tn, url } from "./lib.js";
import { carte, toutLeCatalogue } from "./recherche-carte.js";
import { carteResultat, ouvertOffre } from "./recherche-resultat.js";
import { commune, communesDuCodePostal, fiche, fichierParFichier, geo, lieuxDe, manifest, shard, tousLesShards, toutesLesCommunes } from "./recherche-geo.js";
import { avis, rechercher, synonymes } from "./recherche-tolerance.js";
import { filtresActifs } from "./recherche-filtres.js";
import { distanceKm, filtreEligibilite, suggererCommunes } from "./territoires.js";

const MODE = $(".cat-recherche").dataset.mode;
const form = $("#recherche");
const FACETS = ["thematique", "public", "frais", "type", "accueil", "langue"];
const TOUS_PUBLICS = form.dataset.tousPublics; // the public of the offers open to all: they match every public filter
// The map needs the offers' names and communes; the search page only their positions and hours (recherche-geo.js).
const SHARDS = MODE === "carte" ? "offres" : "points";
if (MODE === "carte") manifest().catch(() => {}); // asked at once: the map's first file follows it (a failure is told by the search)
const PAR_PAGE = 20;
const statut = $("#resultats-nombre");
const liste = $("#resultats");
const plus = $("#plus");

const PERTINENCE = { termSimilarity: 1.0, pageLength: 0.75, termSaturation: 1.4, termFrequency: 1.0 }; // Pagefind's defaults
const PLAT = { pageLength: 0, termFrequency: 0, termSaturation: 0, termSimilarity: 0 };
let position = null; // "autour de moi": never put in the URL
let sequence = 0;
let items = [];
let affiches = 0;
let suite = null; // toutLister: reads the next geo/ files of the list, null once all are read

/* ----- data ---------------------------------------------------------------------------------------
   Pagefind is kept once it has loaded; if it failed, the next search tries again (see retenir in lib.js).
   The geo/ data is in recherche-geo.js. */

const telecharges = new Map(); // pagefind, once downloaded (or being)

function getPagefind() {
  return retenir(telecharges, "pagefind", async () => {
    const pagefind = await import(url("pagefind").href);
    await pagefind.options({ baseUrl: url("racine").pathname });
    if (pagefind.init) await pagefind.init();
    return pagefind;
  });
}

/* ----- state <-> URL <-> form ------------------------------------------------------------------- */

function lireURL() {
  const p = new URLSearchParams(location.search);
  const st = { q: p.get("q") || "", commune: p.get("commune") || "", places: p.get("places") === "1", ouvert: p.get("ouvert") === "1", facets: {} };
  for (const f of FACETS) st.facets[f] = p.getAll(f);
  return st;
}

function lireForm() {
  const fd = new FormData(form);
  const st = { q: (fd.get("q") || "").trim(), commune: fd.get("commune") || "", places: fd.get("places") === "1", ouvert: fd.get("ouvert") === "1", facets: {} };
  for (const f of FACETS) st.facets[f] = fd.getAll(f);
  return st;
}

function versURL(st) {
  const p = new URLSearchParams();
  if (st.q) p.set("q", st.q);
  if (st.commune) p.set("commune", st.commune);
  if (st.places) p.set("places", "1");
  if (st.ouvert) p.set("ouvert", "1");
  for (const f of FACETS) for (const v of st.facets[f]) p.append(f, v);
  const s = p.toString();
  return s ? "?" + s : location.pathname;
}

async function remplirForm(st) {
  $("#q").value = st.q;
  $("#f-places").checked = st.places;
  $("#f-ouvert").checked = st.ouvert;
  for (const f of FACETS) {
    form.querySelectorAll(`input[name="${f}"]`).forEach((i) => { i.checked = st.facets[f].includes(i.value); });
  }
  $("#commune").value = st.commune;
  inconnue.hidden = true;
  if (st.commune) {
    const c = await commune(st.commune);
    $("#commune-saisie").value = saisie.dataset.choisie = c ? libelle(c) : "";
    if (!c) {
      // A link with a commune code that no commune has (mistyped, or a commune merged since): said, not dropped silently.
      $("#commune").value = "";
      inconnue.textContent = t("Le lien donne le code de commune « {code} », qui ne correspond à aucune commune : les résultats ne tiennent pas compte de la commune. Tapez le nom ou le code postal de la commune.", { code: st.commune });
      inconnue.hidden = false;
    }
  }
  majEffacer();
}

/* ----- search ------------------------------------------------------------------------------------- */

async function chercher() {
  const seq = ++sequence;
  const st = lireForm();
  filtresActifs(st, chercher);
  const adresse = versURL(st);
  if (adresse !== location.pathname + location.search && adresse !== location.search) history.replaceState(null, "", adresse);
  statut.textContent = t("Recherche en cours…");
  if (!st.q && !st.commune && !position && !st.places && !st.ouvert && FACETS.every((f) => !st.facets[f].length)) return MODE === "carte" ? toutVoir(seq) : toutLister(seq);
  suite = null;
  if (MODE === "carte") tousLesShards(SHARDS).catch(() => {}); // downloaded while Pagefind searches (awaited below)
  try {
    const pf = await getPagefind();
    const filters = {};
    for (const f of FACETS) {
      const v = st.facets[f];
      if (v.length) filters[f] = { any: f === "public" ? [...v, TOUS_PUBLICS] : v };
    }
    if (st.places) filters.places = "disponibles";
    let origine = position;
    const residence = st.commune ? await commune(st.commune) : null;
    if (residence) {
      if (!saisie.value) saisie.value = libelle(residence); // the commune of a link whose first load failed
      Object.assign(filters, filtreEligibilite(residence)); // its own key « any »: no other filter uses it
      if (!origine && residence.lat != null) origine = { lat: residence.lat, lon: residence.lon };
    }
    // Without words, search for the word every offer holds once (see generator/site/search/records.py): one index
    // chunk instead of all of them. Ranked flat, all offers then score the same and come in the index's
    // order, which is alphabetical.
    await pf.options({ ranking: st.q ? PERTINENCE : PLAT });
    // Words searched one by one, corrected, with their synonyms (recherche-tolerance.js).
    const recherche = st.q ? await rechercher(pf, st.q, filters, await synonymes()) : await pf.search("zzcatalogue", { filters });
    if (seq !== sequence) return;
    const besoinGeo = MODE === "carte" || st.ouvert || origine;
    if (besoinGeo) {
      // Sorted by distance from the commune: its département's places only (offers without a place, in
      // « autres », have no distance and come last either way).
      if (MODE !== "carte" && !st.ouvert && residence && !position) await shard(residence.dep, SHARDS);
      else await tousLesShards(SHARDS);
    }
    if (seq !== sequence) return;
    const now = new Date();
    let res = recherche.results.map((r, rang) => ({ r, rang, g: geo.offres.get(r.id) || null, km: null }));
    if (st.ouvert) res = res.filter((i) => i.g && ouvertOffre(i.g, now) === true);
    if (origine) {
      for (const i of res) {
        if (!i.g) continue;
        const ds = i.g.lieux.filter((l) => l.lat != null).map((l) => distanceKm(origine, l));
        i.km = ds.length ? Math.min(...ds) : null;
      }
      res.sort((a, b) => (a.km === null) - (b.km === null) || (a.km ?? 0) - (b.km ?? 0) || a.rang - b.rang);
    }
    items = res;
    affiches = 0;
    liste.replaceChildren();
    liste.hidden = false;
    const statique = $("#liste-statique");
    if (statique) statique.hidden = true;
    const n = items.length;
    let texte;
    if (n === 0) texte = t("Aucune offre ne correspond. Essayez d'enlever un filtre.");
    else if (residence) texte = tn("{n} offre trouvée pour une personne habitant {commune}, les plus proches d'abord.", "{n} offres trouvées pour une personne habitant {commune}, les plus proches d'abord.", n, { commune: residence.nom });
    else if (position) texte = tn("{n} offre trouvée, les plus proches d'abord.", "{n} offres trouvées, les plus proches d'abord.", n);
    else texte = tn("{n} offre trouvée.", "{n} offres trouvées.", n);
    await afficherSuite(seq); // the first cards, then the count: said once there is something to read
    if (seq !== sequence) return;
    statut.textContent = texte;
    avis(statut, st.q, st.q ? recherche : null, chercher);
    effacerErreur();
    if (MODE === "carte") carte(items);
  } catch (err) {
    if (seq === sequence) statut.textContent = t("La recherche n'a pas pu se faire. Rechargez la page.");
    console.error(err);
  }
}

/* The map page without any criterion: every offer, straight from the map's geo/ files (recherche-carte.js),
   listed in their order (the catalogue's départements first) by name and communes, the first cards as soon
   as the first file is read. Pagefind is not asked: its answer for every offer of a national catalogue
   takes tens of seconds (docs/performance.md). */
async function toutVoir(seq) {
  vider();
  try {
    await toutLeCatalogue(() => seq !== sequence, (offres) => {
      items.push(...offres.map((g) => ({ g, km: null })));
      if (affiches < PAR_PAGE) afficherSuite(seq, PAR_PAGE - affiches);
      else plus.hidden = false;
    });
    if (seq !== sequence) return;
    const n = items.length;
    statut.textContent = n ? tn("{n} offre trouvée.", "{n} offres trouvées.", n) : t("Aucune offre ne correspond. Essayez d'enlever un filtre.");
    effacerErreur();
  } catch (err) {
    if (seq === sequence) statut.textContent = t("La recherche n'a pas pu se faire. Rechargez la page.");
    console.error(err);
  }
}

/* The search page without any criterion: the count of every public offer (geo/index.json « total ») and the
   cards of the geo/ positions files read one at a time, only as the list pages on (« Voir plus ») — the
   catalogue's départements first, each by name, then the offers without a place. The first cards come
   after one small file whatever the size of the catalogue; no Pagefind search (tens of seconds for every
   offer of a national catalogue); each card is its Pagefind record (recherche-geo.js fiche). */
async function toutLister(seq) {
  vider();
  try {
    const [m, suivant] = await Promise.all([manifest(), fichierParFichier("points")]);
    suite = async () => { // the next files until a page of cards is waiting, or none is left
      while (suite && items.length - affiches < PAR_PAGE) {
        const offres = await suivant();
        if (seq !== sequence) return;
        if (offres === null) suite = null;
        else items.push(...offres.map((g) => ({ g, km: null })));
      }
    };
    await afficherSuite(seq);
    if (seq !== sequence) return;
    const n = m.total ?? items.length;
    statut.textContent = n ? tn("{n} offre trouvée.", "{n} offres trouvées.", n) : t("Aucune offre ne correspond. Essayez d'enlever un filtre.");
    effacerErreur();
  } catch (err) {
    if (seq === sequence) statut.textContent = t("La recherche n'a pas pu se faire. Rechargez la page.");
    console.error(err);
  }
}

/* An empty list, before the cards of a search without criterion. */
function vider() {
  items = [];
  affiches = 0;
  suite = null;
  liste.replaceChildren();
  liste.hidden = false;
  const statique = $("#liste-statique");
  if (statique) statique.hidden = true;
  avis(statut, "", null, chercher);
}

/* The next `n` results listed: a Pagefind result's card from its record, a geo entry's (toutVoir) from its
   name and communes. */
async function afficherSuite(seq, n = PAR_PAGE) {
  if (suite) await suite(); // a list read a file at a time (toutLister): the files of the next cards first
  if (seq !== sequence) return;
  const lot = items.slice(affiches, affiches + n);
  affiches += lot.length; // taken at once: a call made meanwhile lists the next ones
  const datas = await Promise.all(lot.map((i) => (i.r ? i.r.data() : MODE !== "carte" && i.g.h ? fiche(i.g.h) : { meta: { id: i.g.id, title: i.g.nom, lieux: lieuxDe(i.g) } })));
  if (seq !== sequence) return;
  const now = new Date();
  lot.forEach((i, k) => {
    const meta = datas[k].meta || {};
    liste.append(carteResultat(meta, i.km, ouvertOffre(i.g, now, meta) === true));
  });
  plus.hidden = affiches >= items.length && !suite;
  selection.compteur(); // the new cards' "Ajouter à ma sélection": shown, pressed when already chosen
}

/* ----- commune of residence (ARIA combobox) ---------------------------------------------------- */

const saisie = $("#commune-saisie");
const inconnue = $("#commune-inconnue");
const suggestions = $("#commune-suggestions");
let actif = -1;
let proposees = [];
let proposeesPour = ""; // what the suggestions shown answer

function libelle(c, cp = c.cps[0]) { return cp ? `${c.nom} (${cp})` : c.nom; }

function fermer() {
  suggestions.hidden = true;
  saisie.setAttribute("aria-expanded", "false");
  saisie.removeAttribute("aria-activedescendant");
  actif = -1;
}

async function proposer() {
  const q = normaliser(saisie.value);
  await (/^\d{2,}$/.test(q) ? Promise.all([toutesLesCommunes(), communesDuCodePostal(q)]) : toutesLesCommunes());
  effacerErreur();
  if (q !== normaliser(saisie.value)) return; // typed on meanwhile: the next call answers
  if (q.length < 2) { proposees = []; fermer(); return; }
  const trouvees = suggererCommunes(q, geo.liste);
  proposees = trouvees.map((x) => x.c);
  proposeesPour = q;
  suggestions.replaceChildren(...trouvees.map(({ c, cp }, i) => {
    const li = el("li", { role: "option", id: "commune-option-" + i, "aria-selected": "false", "data-cp": cp }, libelle(c, cp));
    li.addEventListener("mousedown", (e) => { e.preventDefault(); choisir(c, cp); });
    return li;
  }));
  if (!proposees.length) suggestions.replaceChildren(el("li", { role: "option", "aria-disabled": "true", id: "commune-aucune", "aria-selected": "false" }, t("Aucune commune trouvée")));
  suggestions.hidden = false;
  saisie.setAttribute("aria-expanded", "true");
  actif = -1;
}

function activer(i) {
  const opts = suggestions.querySelectorAll('[role="option"]:not([aria-disabled])');
  if (!opts.length) return;
  actif = (i + opts.length) % opts.length;
  opts.forEach((o, k) => o.setAttribute("aria-selected", k === actif ? "true" : "false"));
  saisie.setAttribute("aria-activedescendant", opts[actif].id);
  opts[actif].scrollIntoView({ block: "nearest" });
}

function choisir(c, cp) {
  $("#commune").value = c.code;
  saisie.value = saisie.dataset.choisie = libelle(c, cp); // Enter on the commune chosen searches, it does not choose again
  inconnue.hidden = true;
  position = null;
  fermer();
  majEffacer();
  chercher();
}

function majEffacer() { $("#commune-effacer").hidden = !$("#commune").value && !position; }

saisie.addEventListener("focus", () => { toutesLesCommunes(); });
saisie.addEventListener("input", () => {
  if (!saisie.value.trim() && $("#commune").value) { $("#commune").value = ""; majEffacer(); chercher(); }
  proposer();
});
saisie.addEventListener("keydown", (e) => {
  const ouvert = !suggestions.hidden;
  if (e.key === "ArrowDown") { e.preventDefault(); if (!ouvert) proposer().then(() => activer(0)); else activer(actif + 1); }
  else if (e.key === "ArrowUp") { e.preventDefault(); if (ouvert) activer(actif - 1); }
  else if (e.key === "Enter") {
    // The option chosen with the arrows, else the first: for a postal code, its main commune. Typed too
    // fast for the suggestions, Enter waits for them.
    const choix = () => {
      const opts = suggestions.querySelectorAll('[role="option"]:not([aria-disabled])');
      const i = Math.max(actif, 0);
      if (proposees[i]) choisir(proposees[i], opts[i] && opts[i].getAttribute("data-cp"));
    };
    const q = normaliser(saisie.value);
    if (ouvert && proposees.length && proposeesPour === q) { e.preventDefault(); choix(); }
    else if (q.length >= 2 && saisie.value !== saisie.dataset.choisie) { e.preventDefault(); proposer().then(choix); }
  } else if (e.key === "Escape") { if (ouvert) { e.preventDefault(); fermer(); } }
});
saisie.addEventListener("blur", () => setTimeout(fermer, 150));

$("#commune-effacer").addEventListener("click", () => {
  $("#commune").value = ""; saisie.value = ""; position = null; majEffacer(); chercher(); saisie.focus();
});

const autour = $("#autour");
if (navigator.geolocation) {
  autour.hidden = false;
  autour.addEventListener("click", () => {
    statut.textContent = t("Recherche de votre position…");
    navigator.geolocation.getCurrentPosition(
      (p) => {
        position = { lat: p.coords.latitude, lon: p.coords.longitude };
        $("#commune").value = ""; saisie.value = "";
        majEffacer();
        chercher();
      },
      () => { statut.textContent = t("Votre position n'est pas disponible : tapez plutôt votre commune."); },
      { timeout: 10000, maximumAge: 600000 },
    );
  });
}

/* ----- wiring ----------------------------------------------------------------------------------- */

let minuterie = null;
$("#q").addEventListener("input", () => { clearTimeout(minuterie); minuterie = setTimeout(chercher, 250); });
form.addEventListener("change", (e) => { if (e.target.type === "checkbox") chercher(); });
form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(minuterie); chercher(); });
plus.addEventListener("click", () => afficherSuite(sequence));
window.addEventListener("popstate", async () => { await remplirForm(lireURL()); chercher(); });

(async () => {
  await remplirForm(lireURL());
  chercher();
})();
