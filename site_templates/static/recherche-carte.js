/* The map page's map: the search's results (recherche.js), as markers in groups. The groups are computed by
   Supercluster (a classic script, window.Supercluster), one index per square of the map built a slice at a
   time (carte-groupes.js): the first groups show at once and no task freezes the page. Without any
   criterion (`toutLeCatalogue`) the map is fed straight from the geo/ files, a file at a time, the
   catalogue's départements first: its first groups show after one download. Only the markers in view are
   on the map; they are drawn again when the map moves. */
import { construire, emprise, groupes, pointsParCase, zoomDe } from "./carte-groupes.js";
import { marqueur, marqueurGroupe, nouvelleCarte } from "./carte.js";
import { $, el, t, url } from "./lib.js";
import { offresParFichier } from "./recherche-geo.js";

const ZOOM_MAX = 18;
let map = null, couche = null, indexes = [], resultats = [], tour = 0;
let cadre = null, touchee = false, cadrage = false, places = 0, file = Promise.resolve();
let affiches = new Map(); // the markers on the map, by place or group

/* The popup of a place: the offer's link and the commune, text nodes only (el() appends text). */
function bulle(g, l) {
  return el("p", {}, el("a", { href: url("offre", { id: g.id }).pathname }, g.nom), el("br"),
    l.approx ? t("{commune} (position approximative)", { commune: l.commune }) : l.commune);
}

/* The markers in view: groups, and places alone (their name on hover and focus, their popup made when it
   opens). Markers still in view are kept as they are: an open popup, or the keyboard's focus, stays. */
function dessiner() {
  const L = window.L;
  const b = map.getBounds();
  const zoom = map.getZoom();
  const focus = document.activeElement && map.getPane("markerPane").contains(document.activeElement) ? document.activeElement : null;
  map.getContainer().dataset.zoom = String(zoom); // what the map shows, for the tests and the bench
  const vus = new Map();
  for (const g of groupes(indexes, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)) {
    const cle = g.point ? `p${g.point.properties.r}:${g.point.properties.l}` : `g${g.n}:${g.lat.toFixed(6)}:${g.lon.toFixed(6)}`;
    let m = affiches.get(cle);
    if (!m && g.point) {
      const { r, l } = g.point.properties;
      const offre = resultats[r].g, lieu = offre.lieux[l];
      m = marqueur(L, lieu.lat, lieu.lon, offre.nom + " — " + lieu.commune).bindPopup(() => bulle(offre, lieu));
    } else if (!m) {
      m = marqueurGroupe(L, g.lat, g.lon, g.n, () => map.setView([g.lat, g.lon], zoomDe(g, zoom, ZOOM_MAX)));
    }
    vus.set(cle, m);
  }
  for (const [cle, m] of affiches) if (!vus.has(cle)) couche.removeLayer(m);
  for (const [cle, m] of vus) if (!affiches.has(cle)) couche.addLayer(m);
  affiches = vus;
  if (focus && !focus.isConnected) map.getContainer().focus(); // the group pressed with Enter is gone: the keyboard stays on the map
}

const pause = () => new Promise((fin) => setTimeout(fin, 0)); // the page given back between two tasks
const image = () => new Promise((fin) => requestAnimationFrame(() => setTimeout(fin, 0))); // and painted

/* A new map for search `seq` (tour): emptied, shown, fitted anew to what it is given next. */
function commencer() {
  const div = $("#carte");
  const L = window.L, Supercluster = window.Supercluster; // classic scripts loaded before this module
  if (!div || !L || !Supercluster) return null;
  const seq = ++tour;
  div.hidden = false;
  if (!map) {
    map = nouvelleCarte(L, div, { scrollWheelZoom: false, maxZoom: ZOOM_MAX, minZoom: 3 });
    couche = L.layerGroup().addTo(map);
    map.setView([46.6, 2.4], 5);
    map.on("moveend", () => dessiner());
    map.on("movestart", () => { if (!cadrage) touchee = true; }); // moved by the visitor: no more fitting
  }
  resultats = [];
  indexes = [];
  couche.clearLayers();
  affiches = new Map();
  cadre = null;
  touchee = false;
  places = 0;
  delete div.dataset.marqueurs;
  return seq;
}

/* Results `res` added to the map of search `seq`, after those already given (one addition at a time: `file`).
   `quoi` ("etendre" or "cadrer") grows the bounds of the places to fit the map to; "cadrer" then fits the
   map to them, unless the visitor has moved it. */
function ajouter(seq, res, quoi = "") {
  file = file.then(async () => {
    if (seq !== tour) return;
    const cases = pointsParCase(res, undefined, undefined, resultats.length);
    resultats.push(...res);
    places += cases.reduce((s, c) => s + c.length, 0);
    if (quoi) cadre = emprise(cases, cadre);
    if (quoi === "cadrer" && !touchee && cadre) {
      cadrage = true;
      map.fitBounds(cadre, { padding: [30, 30], maxZoom: 14, animate: false });
      cadrage = false;
    }
    await pause(); // the file's points made: its groups in the next tasks
    const avant = indexes;
    await construire(window.Supercluster, cases, {
      maintenant: () => performance.now(),
      pause,
      arreter: () => seq !== tour,
      apres: (faits) => { indexes = avant.concat(faits); dessiner(); },
    });
  }).catch((err) => console.error(err));
  return file;
}

/* Once every result is on the map: how many places it holds (data-marqueurs, read by the tests and the bench). */
function finir(seq) {
  return file.then(() => { if (seq === tour) $("#carte").dataset.marqueurs = String(places); });
}

/* The results of a search on the map (the page's #carte), fitted to all their places. */
export async function carte(res) {
  const seq = commencer();
  if (seq === null) return;
  await ajouter(seq, res, "cadrer");
  await finir(seq);
}

/* Every offer of the catalogue on the map, a geo/ file at a time (recherche-geo.js): the first file's groups
   are drawn while the next ones download. The map is fitted to the first file, then once to all the
   catalogue's own départements when their last file is in (twice at most: a map that jumps at every file
   cannot be read). `arreter()`: a newer search has begun; `lus(offres)`: each file's offers, once on the map. */
export async function toutLeCatalogue(arreter = () => false, lus = () => {}) {
  const seq = commencer(); // null without a map (Leaflet not loaded): the list is still fed
  const fini = () => (seq !== null && seq !== tour) || arreter();
  const quoi = (f, k) => (k === 0 || f.dernier ? "cadrer" : f.territoire ? "etendre" : "");
  await offresParFichier(async (offres, f, k) => {
    if (seq !== null) await ajouter(seq, offres.map((g) => ({ g })), quoi(f, k));
    if (!fini()) lus(offres);
    if (k === 0) await image(); // the first groups and cards painted before the next file is read
  }, { arreter: fini });
  if (seq !== null && !fini()) await finir(seq);
}
