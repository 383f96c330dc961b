/* "Ma sélection": offers kept in this browser (localStorage), printed together or shared as one link
   (selection/?ids=a/b,c/d). The fiches are read from the offer pages themselves. */
(function () {
  "use strict";
  var C = window.Catalogue;
  var root = new URL(document.body.dataset.langRoot || "./", location.href); // this language's pages
  var $ = function (id) { return document.getElementById(id); };
  var ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

  function idsPartages() {
    var p = new URLSearchParams(location.search).get("ids");
    if (!p) return null;
    return p.split(",").filter(function (x) { return ID.test(x); });
  }

  function lien(ids) {
    var u = new URL("selection/", root);
    u.search = "ids=" + ids.join(",");
    return u.href;
  }

  function fiche(id) {
    return fetch(new URL("offres/" + id + "/", root)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var f = doc.querySelector(".cat-fiche");
      if (!f) throw new Error("fiche");
      f.querySelectorAll("script, .cat-noprint, .cat-actions, .cat-ariane").forEach(function (e) { e.remove(); });
      f.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", new URL(a.getAttribute("href"), r_url(id)).href); });
      /* The page keeps a single h1: each fiche's title becomes an h2, its sections h3. */
      f.querySelectorAll("h3").forEach(function (h) { renommer(h, "h4"); });
      f.querySelectorAll("h2").forEach(function (h) { renommer(h, "h3"); });
      f.querySelectorAll("h1").forEach(function (h) { renommer(h, "h2"); });
      return document.importNode(f, true);
    });
  }
  function r_url(id) { return new URL("offres/" + id + "/", root); }
  function renommer(h, tag) {
    var n = document.createElement(tag);
    n.innerHTML = h.innerHTML;
    h.replaceWith(n);
  }

  function afficher() {
    var partages = idsPartages();
    var liste = partages ? partages.map(function (id) { return { id: id, nom: id }; }) : C.selection.lire();
    var etat = $("selection-etat"), ul = $("selection-liste"), fiches = $("selection-fiches");
    ul.replaceChildren();
    fiches.replaceChildren();
    $("selection-actions").hidden = !liste.length;
    $("selection-lien-bloc").hidden = !liste.length;
    $("selection-garder").hidden = !partages;
    $("selection-vider").hidden = !!partages;
    if (!liste.length) {
      etat.textContent = C.t("Votre sélection est vide. Sur une fiche d'offre, utilisez « Ajouter à ma sélection ».");
      return;
    }
    var n = liste.length;
    etat.textContent = partages ? C.tn("Sélection partagée : {n} offre.", "Sélection partagée : {n} offres.", n) : C.tn("Votre sélection : {n} offre.", "Votre sélection : {n} offres.", n);
    $("selection-lien").value = lien(liste.map(function (x) { return x.id; }));
    Promise.all(liste.map(function (x) {
      return fiche(x.id).catch(function () { return null; });
    })).then(function (nodes) {
      nodes.forEach(function (node, i) {
        var x = liste[i];
        if (!node) {
          var p = document.createElement("p");
          p.textContent = C.t("L'offre « {nom} » n'existe plus dans le catalogue.", { nom: x.nom });
          fiches.append(p);
        } else {
          fiches.append(node);
        }
        if (!partages) {
          var li = document.createElement("li");
          li.className = "cat-card";
          var b = document.createElement("button");
          b.type = "button";
          b.className = "md-button";
          var nom = node ? node.querySelector("h2").textContent : x.nom;
          b.textContent = C.t("Retirer « {nom} »", { nom: nom });
          b.addEventListener("click", function () { C.selection.retirer(x.id); afficher(); $("selection-etat").focus(); });
          li.append(b);
          ul.append(li);
        }
      });
    });
  }

  function init() {
    $("selection-etat").setAttribute("tabindex", "-1");
    $("selection-imprimer").addEventListener("click", function () { window.print(); });
    $("selection-copier").addEventListener("click", function () {
      var input = $("selection-lien");
      var done = function () { $("selection-etat").textContent = C.t("Lien copié : collez-le dans un courriel ou un message."); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
      else { input.focus(); input.select(); $("selection-etat").textContent = C.t("Le lien est sélectionné : copiez-le (Ctrl+C)."); }
    });
    $("selection-garder").addEventListener("click", function () {
      var ids = idsPartages() || [];
      ids.forEach(function (id) { C.selection.ajouter(id, id); });
      history.replaceState(null, "", location.pathname);
      afficher();
      $("selection-etat").textContent = C.tn("Sélection gardée dans ce navigateur : {n} offre.", "Sélection gardée dans ce navigateur : {n} offres.", C.selection.lire().length);
    });
    $("selection-vider").addEventListener("click", function () { C.selection.ecrire([]); afficher(); });
    afficher();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
