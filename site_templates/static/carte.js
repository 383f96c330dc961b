/* The maps of the offer page (fiche.js) and of the map page (recherche.js). Leaflet, a classic script, is
   given as `L`. Leaflet writes every string it is given (tooltip, popup, attribution, icon) with
   innerHTML: here every text of the catalogue — an offer's or a place's name, a commune, the tiles'
   attribution from territoire.yml — reaches it as DOM nodes made with text only, so that a name can
   never become markup, with or without the Content-Security-Policy.

   Importing this module touches neither the page nor the browser (node --test imports it). */
import { t, tn } from "./lib.js";

/* A span holding `texte` as text: what a tooltip or a popup shows. */
export function enTexte(texte) {
  const span = document.createElement("span");
  span.textContent = String(texte);
  return span;
}

/* The attribution of the map, made of nodes: Leaflet's link, then the tiles' attribution as text. */
function attribution(L, texte) {
  const Attribution = L.Control.extend({
    options: { position: "bottomright" },
    onAdd() {
      const div = document.createElement("div");
      div.className = "leaflet-control-attribution leaflet-control";
      const a = document.createElement("a");
      a.href = "https://leafletjs.com";
      a.textContent = "Leaflet";
      div.append(a);
      if (texte) {
        const sep = document.createElement("span");
        sep.setAttribute("aria-hidden", "true");
        sep.textContent = "|";
        div.append(" ", sep, " ", texte); // strings become text nodes
      }
      L.DomEvent.disableClickPropagation(div);
      return div;
    },
  });
  return new Attribution();
}

/* A map in `div`, with the tiles of territoire.yml (data-tuiles) and their attribution (data-attribution)
   shown as text: Leaflet's own attribution control, which writes HTML, is left out. The zoom buttons
   are named in the page's language (Leaflet's own say "Zoom in" and "Zoom out"). */
export function nouvelleCarte(L, div, options) {
  const map = L.map(div, Object.assign({}, options, { attributionControl: false, zoomControl: false }));
  L.control.zoom({ zoomInTitle: t("Zoom avant"), zoomOutTitle: t("Zoom arrière") }).addTo(map);
  const tuiles = div.dataset.tuiles;
  if (tuiles) L.tileLayer(tuiles, { maxZoom: 19 }).addTo(map);
  attribution(L, tuiles ? div.dataset.attribution || "" : "").addTo(map);
  return map;
}

/* A marker that says `texte` on hover and on keyboard focus (a tooltip made of text). */
export function marqueur(L, lat, lon, texte) {
  return L.marker([lat, lon], { title: texte, alt: texte, keyboard: true }).bindTooltip(() => enTexte(texte));
}

/* The marker of a group of `n` places: its icon made of nodes (the number shown), its accessible name
   "12 lieux — zoomer" in the page's language; a button (Leaflet's keyboard option): a click, Enter or
   Space calls `zoomer`. */
export function marqueurGroupe(L, lat, lon, n, zoomer) {
  const div = document.createElement("div"), span = document.createElement("span");
  span.textContent = String(n);
  div.append(span);
  const taille = n < 10 ? "small" : n < 100 ? "medium" : "large";
  const nom = tn("{n} lieu — zoomer", "{n} lieux — zoomer", n, { n });
  const icone = L.divIcon({ html: div, className: "marker-cluster marker-cluster-" + taille, iconSize: L.point(40, 40) });
  const m = L.marker([lat, lon], { icon: icone, title: nom, keyboard: true });
  m.on("add", () => {
    const icone = m.getElement();
    icone.setAttribute("aria-label", nom);
    // A button: Enter and Space press it (Leaflet gives markers only a click).
    icone.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); zoomer(); }
    });
  });
  m.on("click", () => zoomer());
  return m;
}
