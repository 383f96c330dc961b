/* Shared by every page: "Ma sélection" (kept in this browser) and "ouvert maintenant". No dependency. */
(function () {
  "use strict";
  var KEY = "catalogue-selection";

  function lire() {
    try {
      var v = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(v) ? v.filter(function (x) { return x && typeof x.id === "string"; }) : [];
    } catch (e) { return []; }
  }
  function ecrire(liste) {
    try { window.localStorage.setItem(KEY, JSON.stringify(liste)); } catch (e) { /* private mode: nothing kept */ }
    compteur();
  }
  function contient(id) { return lire().some(function (x) { return x.id === id; }); }
  function ajouter(id, nom) { if (!contient(id)) { var l = lire(); l.push({ id: id, nom: nom || id }); ecrire(l); } }
  function retirer(id) { ecrire(lire().filter(function (x) { return x.id !== id; })); }
  function compteur() {
    var n = lire().length;
    document.querySelectorAll("[data-selection-compteur]").forEach(function (e) {
      e.textContent = n ? String(n) : "";
      e.setAttribute("aria-label", n ? n + " offre" + (n > 1 ? "s" : "") : "");
    });
  }

  /* French public holidays, for schedules marked "PH off". */
  function paques(y) {
    var a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4,
      f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30,
      i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451),
      mois = Math.floor((h + l - 7 * m + 114) / 31), jour = ((h + l - 7 * m + 114) % 31) + 1;
    return new Date(y, mois - 1, jour);
  }
  function ferie(d) {
    var y = d.getFullYear(), md = (d.getMonth() + 1) + "-" + d.getDate();
    if (["1-1", "5-1", "5-8", "7-14", "8-15", "11-1", "11-11", "12-25"].indexOf(md) >= 0) return true;
    var p = paques(y), jours = [1, 39, 50];
    for (var i = 0; i < jours.length; i++) {
      var x = new Date(y, p.getMonth(), p.getDate() + jours[i]);
      if (x.getMonth() === d.getMonth() && x.getDate() === d.getDate()) return true;
    }
    return false;
  }
  /* true / false, or null when the schedule changes over the year (irregular). */
  function ouvert(s, now) {
    if (!s || !s.reg) return null;
    now = now || new Date();
    if (s.ph === "off" && ferie(now)) return false;
    var jour = (now.getDay() + 6) % 7, min = now.getHours() * 60 + now.getMinutes();
    return (s.j[jour] || []).some(function (r) { return r[0] <= min && min < r[1]; });
  }

  window.Catalogue = {
    selection: { lire: lire, ecrire: ecrire, contient: contient, ajouter: ajouter, retirer: retirer, compteur: compteur },
    ouvert: ouvert,
    ferie: ferie
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", compteur); else compteur();
  window.addEventListener("storage", compteur);
})();
