/* Shared by every page: the interface's messages, "Ma sélection" (kept in this browser) and "ouvert maintenant".
   No dependency. */
(function () {
  "use strict";
  var KEY = "catalogue-selection";

  /* Messages: written in French in the code; other languages come from messages.<lang>.js (generated
     from generator/locale/<lang>/LC_MESSAGES/messages.po), loaded before this file. */
  var MESSAGES = window.CatalogueMessages || {};
  var LANG = document.documentElement.lang || "fr";
  function remplir(s, vars) {
    return vars ? s.replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? String(vars[k]) : m; }) : s;
  }
  function t(message, vars) { return remplir(typeof MESSAGES[message] === "string" ? MESSAGES[message] : message, vars); }
  function tn(singulier, pluriel, n, vars) {
    var formes = MESSAGES[singulier];
    var s;
    if (Array.isArray(formes)) {
      var categories = ["zero", "one", "two", "few", "many", "other"];
      var connues = new Intl.PluralRules(LANG).resolvedOptions().pluralCategories;
      var ordre = categories.filter(function (c) { return connues.indexOf(c) >= 0; });
      s = formes[Math.min(ordre.indexOf(new Intl.PluralRules(LANG).select(n)), formes.length - 1)];
    } else {
      s = n <= 1 ? singulier : pluriel; /* French: 0 and 1 are singular */
    }
    return remplir(s, Object.assign({ n: n }, vars || {}));
  }
  function nombre(x, decimales) {
    return x.toLocaleString(LANG, { maximumFractionDigits: decimales || 0 });
  }

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
      e.setAttribute("aria-label", n ? tn("{n} offre", "{n} offres", n) : "");
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
    t: t,
    tn: tn,
    nombre: nombre,
    lang: LANG,
    selection: { lire: lire, ecrire: ecrire, contient: contient, ajouter: ajouter, retirer: retirer, compteur: compteur },
    ouvert: ouvert,
    ferie: ferie
  };
  /* Phones: the header menu folds behind « Menu » (shown by catalogue.css on small screens only).
     Escape closes it and gives the focus back to the button. */
  function menu() {
    var bouton = document.querySelector("[data-menu-bouton]");
    var nav = bouton && document.getElementById(bouton.getAttribute("aria-controls"));
    if (!nav) return;
    function ouvrir(oui) { bouton.setAttribute("aria-expanded", oui ? "true" : "false"); }
    bouton.addEventListener("click", function () { ouvrir(bouton.getAttribute("aria-expanded") !== "true"); });
    nav.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && bouton.getAttribute("aria-expanded") === "true") { ouvrir(false); bouton.focus(); }
    });
  }
  /* A wide table of the editorial pages scrolls sideways inside itself on a small screen (Material's
     styles): it then takes the keyboard focus, so that the arrow keys scroll it (WCAG 2.1.1). */
  function tableaux() {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      var defile = table.scrollWidth > table.clientWidth + 1;
      if (defile && !table.hasAttribute("tabindex")) { table.tabIndex = 0; table.setAttribute("data-defile", ""); }
      else if (!defile && table.hasAttribute("data-defile")) { table.removeAttribute("tabindex"); table.removeAttribute("data-defile"); }
    });
  }
  function pret() { compteur(); menu(); tableaux(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pret); else pret();
  window.addEventListener("resize", tableaux);
  window.addEventListener("storage", compteur);
})();
