/* The map page's map: the search's results (recherche.js), as markers in groups. */
import { iconeGroupe, marqueur, nouvelleCarte } from "./carte.js";
import { $, el, t, url } from "./lib.js";

let map = null, cluster = null;

/* The results on the map (the page's #carte), in groups. */
export function carte(res) {
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
