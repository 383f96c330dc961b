/* Offer page: "ouvert maintenant", the small map, print, the prefilled e-mail ("Ajouter à ma sélection" is
   every page's, in commun.js). */
import { marqueur, nouvelleCarte } from "./carte.js";
import { $, $$, ouvert, pret, t } from "./lib.js";

function donnees(id) {
  const e = document.getElementById(id);
  if (!e) return null;
  try {
    return JSON.parse(e.textContent);
  } catch {
    return null;
  }
}

function badgeOuvert() {
  const badge = $("[data-ouvert]");
  const horaires = donnees("horaires-data");
  if (!badge || !horaires || !horaires.length) return;
  const now = new Date(), ouverts = [];
  let connus = 0;
  for (const [nom, s] of horaires) {
    const o = ouvert(s, now);
    if (o !== null) connus++;
    if (o) ouverts.push(nom);
  }
  if (ouverts.length) {
    badge.textContent = t("Ouvert maintenant") + (horaires.length > 1 && ouverts[0] ? " (" + ouverts.join(", ") + ")" : "");
    badge.className = "cat-badge cat-badge--ouvert";
  } else if (connus) {
    badge.textContent = t("Fermé en ce moment");
    badge.className = "cat-badge cat-badge--ferme";
  } else return;
  badge.hidden = false;
}

function boutonImprimer() {
  const b = $("[data-imprimer]");
  if (!b) return;
  b.addEventListener("click", () => window.print());
  b.hidden = false;
}

function petiteCarte() {
  const el = document.getElementById("carte-offre");
  const points = donnees("points-data");
  const L = window.L; // Leaflet, a classic script loaded before this module
  if (!el || !points || !points.length || !L) return;
  const map = nouvelleCarte(L, el, { scrollWheelZoom: false, maxZoom: 18 });
  const bounds = [];
  for (const p of points) {
    marqueur(L, p.lat, p.lon, p.nom).addTo(map); // names as text (carte.js)
    bounds.push([p.lat, p.lon]);
  }
  if (bounds.length === 1) map.setView(bounds[0], 14); else map.fitBounds(bounds, { padding: [20, 20] });
}

/* « Orienter une personne »: built without a base URL, the prefilled e-mail names the page by its path
   (data-page); it gets the address the browser shows instead. Nothing is sent: it stays a mailto: link. */
function courrielOrientation() {
  const adresse = location.href.split(/[?#]/)[0];
  for (const a of $$("[data-orienter-courriel][data-page]")) {
    const chemin = a.getAttribute("data-page");
    if (!chemin || !/^https?:/.test(adresse)) continue;
    a.setAttribute("href", a.getAttribute("href").split(encodeURIComponent(chemin)).join(encodeURIComponent(adresse)));
  }
}

pret(() => { badgeOuvert(); boutonImprimer(); petiteCarte(); courrielOrientation(); });
