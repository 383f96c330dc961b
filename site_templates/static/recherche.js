/* Search and map pages: Pagefind (text + filters) combined with geo/ data (distance, "ouvert maintenant").
   Every choice is reflected in the URL, so that a search can be bookmarked and shared. */
import { iconeGroupe, marqueur, nouvelleCarte } from "./carte.js";
import { $, effacerErreur, normaliser, nombre, ouvert, retenir, t, tn, url } from "./lib.js";
import { codesEligibles, departementDe, distanceKm } from "./territoires.js";

const MODE = $(".cat-recherche").dataset.mode;
const form = $("#recherche");
const FACETS = ["thematique", "public", "frais", "type", "accueil", "langue"];
const PAR_PAGE = 20;
const statut = $("#resultats-nombre");
const liste = $("#resultats");
const plus = $("#plus");
const modele = $("#cat-carte-modele"); // the result card, made by the same macro as the list pages' cards

const PERTINENCE = { termSimilarity: 1.0, pageLength: 0.75, termSaturation: 1.4, termFrequency: 1.0 }; // Pagefind's defaults
const PLAT = { pageLength: 0, termFrequency: 0, termSaturation: 0, termSimilarity: 0 };
let position = null; // "autour de moi": never put in the URL
let sequence = 0;
let items = [];
let affiches = 0;

/* ----- data ---------------------------------------------------------------------------------------
   Every download is kept once it has succeeded; a failed one is forgotten, and the next search tries
   again (see retenir in lib.js). */

const telecharges = new Map(); // what was downloaded (or is being): pagefind, geo/ files

async function json(fichier) {
  const r = await fetch(url("geo", { fichier }));
  if (!r.ok) throw new Error(fichier + " : " + r.status);
  return r.json();
}

function getPagefind() {
  return retenir(telecharges, "pagefind", async () => {
    const pagefind = await import(url("pagefind").href);
    await pagefind.options({ baseUrl: url("racine").pathname });
    if (pagefind.init) await pagefind.init();
    return pagefind;
  });
}

const geo = { offres: new Map(), communes: new Map(), liste: [] };

function manifest() {
  return retenir(telecharges, "index.json", () => json("index.json"));
}

function shard(dep) {
  return retenir(telecharges, "shard:" + dep, async () => {
    const m = await manifest();
    // The map needs names and communes; the search page only positions and hours (see generator/site/search/index.py).
    const name = (MODE === "carte" ? m.offres : m.points)[dep];
    if (!name) return;
    const data = await json(name);
    const heure = (si) => (si >= 0 ? data.horaires[si] : null);
    // The points files are the same entries, cut after the hours: id, nom and commune are then absent.
    for (const [h, s, lieux, id = null, nom = null] of data.offres) {
      if (geo.offres.has(h)) continue;
      geo.offres.set(h, {
        id, nom,
        lieux: lieux.map(([lat, lon, si, approx = 0, commune = null]) => ({ lat, lon, approx, commune, s: heure(si) })),
        s: heure(s),
      });
    }
  });
}

async function tousLesShards() {
  const m = await manifest();
  await Promise.all(Object.keys(m.offres).map(shard));
}

function fichierCommunes(name) {
  return retenir(telecharges, name, async () => {
    const rows = await json(name);
    for (const [code, nom, cps, dep, epci, lat, lon] of rows) {
      if (geo.communes.has(code)) continue;
      const c = { code, nom, cps: cps ? cps.split(" ") : [], dep, epci, lat, lon, n: normaliser(nom) };
      geo.communes.set(code, c);
      geo.liste.push(c);
    }
  });
}

/* Every commune the visitor can choose: for the suggestions. */
async function toutesLesCommunes() {
  const m = await manifest();
  await Promise.all(Object.values(m.communes).map(fichierCommunes));
}

/* One commune, read from its département's file only: a shared link needs no other. */
async function commune(code) {
  const m = await manifest();
  for (const name of [m.communes[departementDe(code)], m.communes.autres]) {
    if (!geo.communes.has(code) && name) await fichierCommunes(name);
  }
  return geo.communes.get(code) || null;
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
  if (st.commune) {
    const c = await commune(st.commune);
    $("#commune-saisie").value = c ? libelle(c) : "";
    if (!c) $("#commune").value = "";
  }
  majEffacer();
}

/* ----- search ------------------------------------------------------------------------------------- */

function ouvertOffre(g, now) {
  const scheds = g.lieux.map((l) => l.s).filter(Boolean);
  if (!scheds.length && g.s) scheds.push(g.s);
  let connu = false;
  for (const s of scheds) {
    const o = ouvert(s, now);
    if (o) return true;
    if (o === false) connu = true;
  }
  return connu ? false : null;
}

async function chercher() {
  const seq = ++sequence;
  const st = lireForm();
  const adresse = versURL(st);
  if (adresse !== location.pathname + location.search && adresse !== location.search) history.replaceState(null, "", adresse);
  statut.textContent = t("Recherche en cours…");
  try {
    const pf = await getPagefind();
    const filters = {};
    for (const f of FACETS) {
      const v = st.facets[f];
      if (v.length) filters[f] = { any: f === "public" ? [...v, "tous-publics"] : v };
    }
    if (st.places) filters.places = "disponibles";
    let origine = position;
    const residence = st.commune ? await commune(st.commune) : null;
    if (residence) {
      if (!saisie.value) saisie.value = libelle(residence); // the commune of a link whose first load failed
      filters.eligibilite = { any: codesEligibles(residence) };
      if (!origine && residence.lat != null) origine = { lat: residence.lat, lon: residence.lon };
    }
    // Without words, search for the word every offer holds once (see generator/site/search/records.py): one index
    // chunk instead of all of them. Ranked flat, all offers then score the same and come in the index's
    // order, which is alphabetical.
    await pf.options({ ranking: st.q ? PERTINENCE : PLAT });
    const recherche = await pf.search(st.q || "zzcatalogue", { filters });
    if (seq !== sequence) return;
    const besoinGeo = MODE === "carte" || st.ouvert || origine;
    if (besoinGeo) {
      if (MODE !== "carte" && !st.ouvert && residence && !position) await Promise.all([shard(residence.dep), shard("autres")]);
      else await tousLesShards();
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
    statut.textContent = texte;
    effacerErreur();
    await afficherSuite(seq);
    if (MODE === "carte") carte(items);
  } catch (err) {
    if (seq === sequence) statut.textContent = t("La recherche n'a pas pu se faire. Rechargez la page.");
    console.error(err);
  }
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/* A result: the page's card model (<template id="cat-carte-modele">, every badge present) filled with
   text and attributes only, and pruned of the badges it does not need. The index says places are
   "complet", "a-confirmer" or "<disponibles>/<total>" (see generator/site/search/records.py). */
function carteResultat(m, km, ouverte) {
  const li = modele.content.firstElementChild.cloneNode(true);
  const a = li.querySelector(".cat-card__titre a");
  a.setAttribute("href", url("offre", { id: m.id }).pathname);
  a.textContent = m.title || m.id;
  const meta = li.querySelector(".cat-card__meta");
  const distance = meta.querySelector(".cat-card__distance");
  meta.textContent = [m.structure, m.lieux, m.distance ? t("à distance") : ""].filter(Boolean).join(" · ");
  if (km !== null) {
    distance.textContent = t("à {km} km", { km: nombre(km, km < 10 ? 1 : 0) });
    meta.append(" · ", distance);
  }
  const places = m.places || "";
  const [n, total] = places.split("/").map(Number);
  const garder = {
    "cat-badge--non": places === "complet",
    "cat-badge--neutre": places === "a-confirmer",
    "cat-badge--ok": places.includes("/"),
    "cat-badge--alerte": !!m.maj,
    "cat-badge--ouvert": ouverte,
  };
  const badges = li.querySelector(".cat-badges");
  for (const b of badges.querySelectorAll(".cat-badge")) {
    if (!Object.keys(garder).some((classe) => garder[classe] && b.classList.contains(classe))) b.remove();
  }
  const ok = badges.querySelector(".cat-badge--ok");
  if (ok) ok.textContent = tn("{n} place disponible sur {total}", "{n} places disponibles sur {total}", n, { n, total });
  if (!badges.children.length) badges.remove();
  return li;
}

async function afficherSuite(seq) {
  const lot = items.slice(affiches, affiches + PAR_PAGE);
  const datas = await Promise.all(lot.map((i) => i.r.data()));
  if (seq !== sequence) return;
  const now = new Date();
  lot.forEach((i, k) => {
    liste.append(carteResultat(datas[k].meta || {}, i.km, !!i.g && ouvertOffre(i.g, now) === true));
  });
  affiches += lot.length;
  plus.hidden = affiches >= items.length;
}

/* ----- map ---------------------------------------------------------------------------------------- */

let map = null, cluster = null;
function carte(res) {
  const div = $("#carte");
  const L = window.L; // Leaflet and its markercluster, classic scripts loaded before this module
  if (!div || !L) return;
  div.hidden = false;
  if (!map) {
    map = nouvelleCarte(L, div, { scrollWheelZoom: false, maxZoom: 18, minZoom: 3 });
    // Bulk-loaded in chunks: 60,000 markers without freezing the page. Icons of groups made of nodes (carte.js).
    cluster = L.markerClusterGroup
      ? L.markerClusterGroup({ showCoverageOnHover: false, chunkedLoading: true, iconCreateFunction: (g) => iconeGroupe(L, g) })
      : L.layerGroup();
    map.addLayer(cluster);
    map.setView([46.6, 2.4], 5);
  }
  cluster.clearLayers();
  const bounds = [];
  const markers = [];
  for (const i of res) {
    if (!i.g) continue;
    const g = i.g;
    for (const l of g.lieux) {
      if (l.lat == null) continue;
      const nom = g.nom + " — " + l.commune;
      // Names reach Leaflet as text nodes, never as HTML strings (carte.js); the popup is made when it opens.
      const m = marqueur(L, l.lat, l.lon, nom);
      m.bindPopup(() => el("p", {}, el("a", { href: url("offre", { id: g.id }).pathname }, g.nom), el("br"),
        l.approx ? t("{commune} (position approximative)", { commune: l.commune }) : l.commune)); // el() appends text nodes
      markers.push(m);
      bounds.push([l.lat, l.lon]);
    }
  }
  if (cluster.addLayers) cluster.addLayers(markers); else markers.forEach((m) => cluster.addLayer(m));
  div.dataset.marqueurs = String(bounds.length);
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
}

/* ----- commune of residence (ARIA combobox) ---------------------------------------------------- */

const saisie = $("#commune-saisie");
const suggestions = $("#commune-suggestions");
let actif = -1;
let proposees = [];

function libelle(c) { return c.cps.length ? `${c.nom} (${c.cps[0]})` : c.nom; }

function fermer() {
  suggestions.hidden = true;
  saisie.setAttribute("aria-expanded", "false");
  saisie.removeAttribute("aria-activedescendant");
  actif = -1;
}

async function proposer() {
  await toutesLesCommunes();
  effacerErreur();
  const q = normaliser(saisie.value);
  if (q.length < 2) { proposees = []; fermer(); return; }
  const chiffres = /^\d+$/.test(q);
  const scored = [];
  for (const c of geo.liste) {
    let s = -1;
    if (chiffres) { if (c.cps.some((cp) => cp.startsWith(q)) || c.code.startsWith(q)) s = 0; }
    else if (c.n.startsWith(q)) s = 0;
    else if (c.n.includes(" " + q)) s = 1;
    else if (c.n.includes(q)) s = 2;
    if (s >= 0) scored.push([s, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].nom.localeCompare(b[1].nom, "fr"));
  proposees = scored.slice(0, 10).map((x) => x[1]);
  suggestions.replaceChildren(...proposees.map((c, i) => {
    const li = el("li", { role: "option", id: "commune-option-" + i, "aria-selected": "false" }, libelle(c));
    li.addEventListener("mousedown", (e) => { e.preventDefault(); choisir(c); });
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

function choisir(c) {
  $("#commune").value = c.code;
  saisie.value = libelle(c);
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
    if (ouvert && proposees.length) { e.preventDefault(); choisir(proposees[Math.max(actif, 0)]); }
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
