/* Offer page: "ouvert maintenant", the small map, "Ajouter à ma sélection", print, the prefilled e-mail. */
(function () {
  "use strict";
  var C = window.Catalogue;

  function donnees(id) {
    var e = document.getElementById(id);
    if (!e) return null;
    try { return JSON.parse(e.textContent); } catch (err) { return null; }
  }

  function badgeOuvert() {
    var badge = document.querySelector("[data-ouvert]");
    var horaires = donnees("horaires-data");
    if (!badge || !horaires || !horaires.length) return;
    var now = new Date(), ouverts = [], connus = 0;
    horaires.forEach(function (h) {
      var o = C.ouvert(h[1], now);
      if (o !== null) connus++;
      if (o) ouverts.push(h[0]);
    });
    if (ouverts.length) {
      badge.textContent = C.t("Ouvert maintenant") + (horaires.length > 1 && ouverts[0] ? " (" + ouverts.join(", ") + ")" : "");
      badge.className = "cat-badge cat-badge--ouvert";
    } else if (connus) {
      badge.textContent = C.t("Fermé en ce moment");
      badge.className = "cat-badge cat-badge--ferme";
    } else return;
    badge.hidden = false;
  }

  function boutonSelection() {
    var b = document.querySelector("[data-selection-bouton]");
    var etat = document.createElement("p");
    if (!b) return;
    var id = b.getAttribute("data-selection-bouton"), nom = b.getAttribute("data-nom");
    etat.className = "cat-sr";
    etat.setAttribute("role", "status");
    b.parentNode.appendChild(etat);
    function maj() {
      var dans = C.selection.contient(id);
      b.textContent = dans ? C.t("Retirer de ma sélection") : C.t("Ajouter à ma sélection");
      b.classList.toggle("md-button--primary", !dans);
    }
    b.addEventListener("click", function () {
      if (C.selection.contient(id)) {
        C.selection.retirer(id);
        etat.textContent = C.t("Offre retirée de votre sélection.");
      } else {
        C.selection.ajouter(id, nom);
        etat.textContent = C.t("Offre ajoutée à votre sélection ({n}).", { n: C.selection.lire().length });
      }
      maj();
    });
    maj();
    b.hidden = false;
  }

  function boutonImprimer() {
    var b = document.querySelector("[data-imprimer]");
    if (!b) return;
    b.addEventListener("click", function () { window.print(); });
    b.hidden = false;
  }

  function petiteCarte() {
    var el = document.getElementById("carte-offre");
    var points = donnees("points-data");
    if (!el || !points || !points.length || !window.L) return;
    var map = L.map(el, { scrollWheelZoom: false, maxZoom: 18 });
    if (el.dataset.tuiles) L.tileLayer(el.dataset.tuiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
    var bounds = [];
    points.forEach(function (p) {
      L.marker([p.lat, p.lon], { title: p.nom, alt: p.nom, keyboard: true }).addTo(map).bindTooltip(p.nom);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) map.setView(bounds[0], 14); else map.fitBounds(bounds, { padding: [20, 20] });
  }

  /* « Orienter une personne »: built without a base URL, the prefilled e-mail names the page by its path
     (data-page); it gets the address the browser shows instead. Nothing is sent: it stays a mailto: link. */
  function courrielOrientation() {
    var chemin = "", adresse = location.href.split(/[?#]/)[0];
    document.querySelectorAll("[data-orienter-courriel][data-page]").forEach(function (a) {
      chemin = a.getAttribute("data-page");
      if (!chemin || !/^https?:/.test(adresse)) return;
      a.setAttribute("href", a.getAttribute("href").split(encodeURIComponent(chemin)).join(encodeURIComponent(adresse)));
    });
  }

  function init() { badgeOuvert(); boutonSelection(); boutonImprimer(); petiteCarte(); courrielOrientation(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
