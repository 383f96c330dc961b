/* The map page's map: the search's results (recherche.js), as markers in groups. The groups are computed by
   Supercluster (a classic script, window.Supercluster), one index per square of the map built a slice at a
   time (carte-groupes.js): the first groups show at once and no task freezes the page. Only the markers in
   view are on the map; they are drawn again when the map moves. */
import { construire, groupes, pointsParCase, zoomDe } from "./carte-groupes.js";
import { marqueur, marqueurGroupe, nouvelleCarte } from "./carte.js";
import { $, el, t, url } from "./lib.js";

const ZOOM_MAX = 18;
let map = null, couche = null, indexes = [], resultats = [], tour = 0;
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

/* The results on the map (the page's #carte). */
export async function carte(res) {
  const div = $("#carte");
  const L = window.L, Supercluster = window.Supercluster; // classic scripts loaded before this module
  if (!div || !L || !Supercluster) return;
  const seq = ++tour;
  div.hidden = false;
  if (!map) {
    map = nouvelleCarte(L, div, { scrollWheelZoom: false, maxZoom: ZOOM_MAX, minZoom: 3 });
    couche = L.layerGroup().addTo(map);
    map.setView([46.6, 2.4], 5);
    map.on("moveend", () => dessiner());
  }
  resultats = res;
  indexes = [];
  couche.clearLayers();
  affiches = new Map();
  const cases = pointsParCase(res);
  const n = cases.reduce((s, c) => s + c.length, 0);
  div.dataset.marqueurs = String(n);
  if (n) {
    let ouest = 180, sud = 90, est = -180, nord = -90;
    for (const c of cases) for (const p of c) {
      const [lon, lat] = p.geometry.coordinates;
      ouest = Math.min(ouest, lon); est = Math.max(est, lon); sud = Math.min(sud, lat); nord = Math.max(nord, lat);
    }
    map.fitBounds([[sud, ouest], [nord, est]], { padding: [30, 30], maxZoom: 14, animate: false });
  }
  await construire(Supercluster, cases, {
    maintenant: () => performance.now(),
    pause: () => new Promise((fin) => setTimeout(fin, 0)),
    arreter: () => seq !== tour,
    apres: (faits) => { indexes = faits; dessiner(); },
  });
}
