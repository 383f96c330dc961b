/* The maps of the offer page (fiche.js) and of the map page (recherche.js). Leaflet, a classic script, is
   given as `L`. Leaflet writes every string it is given (tooltip, popup, attribution, icon) with
   innerHTML: here every text of the catalogue — an offer's or a place's name, a commune, the tiles'
   attribution from territoire.yml — reaches it as DOM nodes made with text only, so that a name can
   never become markup, with or without the Content-Security-Policy.

   Importing this module touches neither the page nor the browser (node --test imports it). */

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
   shown as text: Leaflet's own attribution control, which writes HTML, is left out. */
export function nouvelleCarte(L, div, options) {
  const map = L.map(div, Object.assign({}, options, { attributionControl: false }));
  const tuiles = div.dataset.tuiles;
  if (tuiles) L.tileLayer(tuiles, { maxZoom: 19 }).addTo(map);
  attribution(L, tuiles ? div.dataset.attribution || "" : "").addTo(map);
  return map;
}

/* A marker that says `texte` on hover and on keyboard focus (a tooltip made of text). */
export function marqueur(L, lat, lon, texte) {
  return L.marker([lat, lon], { title: texte, alt: texte, keyboard: true }).bindTooltip(() => enTexte(texte));
}

/* The icon of a group of markers (markercluster's, made of nodes instead of an HTML string). */
export function iconeGroupe(L, groupe) {
  const n = groupe.getChildCount();
  const div = document.createElement("div"), span = document.createElement("span");
  span.textContent = String(n);
  div.append(span);
  const taille = n < 10 ? "small" : n < 100 ? "medium" : "large";
  return L.divIcon({ html: div, className: "marker-cluster marker-cluster-" + taille, iconSize: L.point(40, 40) });
}
