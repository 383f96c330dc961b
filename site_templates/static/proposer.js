/* « Proposer une offre » : checks the answers with the validator's rules, writes the YAML file, opens the forge.
   Nothing is sent anywhere by this page. The rules and the file's text are in proposer-fichier.js. */
import { $, $$, normaliser } from "./lib.js";
import {
  HORAIRES, MESSAGE_HORAIRES, SCHEMA_DEFAUT, aujourdhui, courrielValide, lienValide, nettoyer, nomFichier, slugifier,
  telephoneNational, urlForge, yaml,
} from "./proposer-fichier.js";

const form = document.getElementById("proposer");
const donneesEl = document.getElementById("proposer-donnees");
if (form && donneesEl) demarrer(JSON.parse(donneesEl.textContent));

function demarrer(D) {
  var resume = document.getElementById("proposer-erreurs");
  var resumeListe = document.getElementById("proposer-erreurs-liste");
  var resumeTitre = document.getElementById("proposer-erreurs-titre");
  var resultat = document.getElementById("proposer-resultat");
  var sortie = document.getElementById("proposer-yaml");
  var chemin = document.getElementById("proposer-chemin");
  var etat = document.getElementById("proposer-etat");
  var lienForge = document.getElementById("proposer-forge");
  /* The comment that gives editors the schema, as the generator writes it in every file. */
  var SCHEMA = typeof D.schema_comment === "string" ? D.schema_comment.replace(/\n+$/, "") : SCHEMA_DEFAUT;
  var INVALIDES = {};
  (D.telephone_invalides || []).forEach(function (p) { INVALIDES[p] = 1; });

  /* ----- fields of the page ----- */
  function champs() {
    var out = {};
    $$("[data-champ]", form).forEach(function (el) {
      var nom = el.getAttribute("data-champ");
      var controles = el.tagName === "FIELDSET" ? $$("input,select,textarea", el) : [$("input,select,textarea", el)];
      out[nom] = {
        nom: nom,
        el: el,
        controles: controles,
        cible: el.tagName === "FIELDSET" ? el : controles[0],
        erreur: $(":scope > .cat-erreur", el),
        libelle: (($(":scope > label, :scope > legend", el) || {}).textContent || nom).replace(/\(obligatoire[^)]*\)/, "").trim()
      };
    });
    return out;
  }
  var CHAMPS = champs();
  $$("[aria-describedby]", form).forEach(function (el) { el.setAttribute("data-decrit", el.getAttribute("aria-describedby")); });

  function valeur(nom, multiligne) {
    var c = CHAMPS[nom];
    if (!c) return "";
    return nettoyer(c.controles[0].value, multiligne);
  }
  function coches(nom) {
    var c = CHAMPS[nom];
    return c ? c.controles.filter(function (i) { return i.type === "checkbox" && i.checked; }).map(function (i) { return i.value; }) : [];
  }

  /* ----- commune suggestions from the postal code ----- */
  var cp = $("#champ-lieu-code-postal"), communeSel = $("#champ-lieu-commune");
  function suggerer() {
    if (!cp || !communeSel) return;
    var code = cp.value.trim(), choix = D.codes_postaux[code] || [], avant = communeSel.value;
    communeSel.textContent = "";
    var vide = document.createElement("option");
    vide.value = "";
    vide.textContent = choix.length ? "Choisir la commune…" : (/^\d{5}$/.test(code) ? "Code postal inconnu dans ce catalogue" : "Indiquer d'abord le code postal");
    communeSel.appendChild(vide);
    choix.forEach(function (c) {
      var o = document.createElement("option");
      o.value = c[0];
      o.textContent = c[1] + " (code INSEE " + c[0] + ")";
      communeSel.appendChild(o);
    });
    if (choix.length === 1) communeSel.value = choix[0][0];
    else if (choix.some(function (c) { return c[0] === avant; })) communeSel.value = avant;
  }
  if (cp) { cp.addEventListener("input", suggerer); cp.addEventListener("change", suggerer); }

  /* ----- checking ----- */
  function verifier() {
    var erreurs = [];
    function err(nom, message) {
      if (!erreurs.some(function (e) { return e.nom === nom; })) erreurs.push({ nom: nom, message: message });
    }
    function requis(nom) { err(nom, "Champ obligatoire : indiquer « " + CHAMPS[nom].libelle + " »."); }
    var offre = {};

    var structure = valeur("structure");
    if (!structure || !D.structures[structure]) requis("structure");
    var infoStructure = D.structures[structure] || {};

    function texte(nom, multiligne) {
      var c = CHAMPS[nom];
      if (!c) return undefined;
      var v = valeur(nom, multiligne), ctl = c.controles[0];
      var min = parseInt(ctl.getAttribute("data-min-length") || "0", 10), max = parseInt(ctl.getAttribute("maxlength") || "0", 10);
      if (!v) { if (ctl.required) requis(nom); return undefined; }
      if (min && v.length < min) err(nom, "Texte trop court : au moins " + min + " caractères.");
      else if (max && v.length > max) err(nom, "Texte trop long : " + max + " caractères au plus.");
      var check = ctl.getAttribute("data-check");
      if (check === "telephone") {
        var t = telephoneNational(v, INVALIDES);
        if (!t) err(nom, "Numéro de téléphone invalide « " + v + " » : écrire par exemple 01 64 00 00 00 ou +33 1 64 00 00 00.");
        return t || undefined;
      }
      if (check === "courriel" && !courrielValide(v)) err(nom, "Adresse électronique invalide « " + v + " » : écrire par exemple contact@exemple.fr.");
      if (check === "lien" && !lienValide(v)) err(nom, "Adresse web invalide « " + v + " » : elle doit commencer par https:// (ou http://).");
      if (check === "horaires" && !HORAIRES.test(v)) err(nom, "Horaires illisibles « " + v + " » : " + MESSAGE_HORAIRES.replace(/^horaires illisibles : /, "") + ".");
      if (check === "code-postal") {
        if (!/^\d{5}$/.test(v)) err(nom, "Code postal invalide « " + v + " » : 5 chiffres attendus.");
        else if (!D.codes_postaux[v]) err(nom, "Code postal inconnu « " + v + " » : aucune commune des départements du catalogue n'a ce code postal.");
      }
      return v;
    }
    function nombre(nom) {
      var c = CHAMPS[nom];
      if (!c) return undefined;
      var ctl = c.controles[0], brut = ctl.value.trim();
      if (ctl.validity && ctl.validity.badInput) { err(nom, "Nombre attendu."); return undefined; }
      if (brut === "") { if (ctl.required) requis(nom); return undefined; }
      var n = Number(brut);
      if (!isFinite(n)) { err(nom, "Nombre attendu."); return undefined; }
      if (ctl.hasAttribute("data-entier") && Math.floor(n) !== n) { err(nom, "Nombre entier attendu (sans virgule)."); return undefined; }
      if (ctl.min !== "" && n < Number(ctl.min)) err(nom, "Valeur trop petite (" + brut + ") : au moins " + ctl.min + ".");
      else if (ctl.max !== "" && n > Number(ctl.max)) err(nom, "Valeur trop grande (" + brut + ") : au plus " + ctl.max + ".");
      return n;
    }
    function date(nom) {
      var c = CHAMPS[nom];
      if (!c) return undefined;
      var ctl = c.controles[0], v = ctl.value.trim();
      if (ctl.validity && ctl.validity.badInput) { err(nom, "Date attendue au format JJ/MM/AAAA."); return undefined; }
      if (!v) { if (ctl.required) requis(nom); return undefined; }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) { err(nom, "Date attendue au format JJ/MM/AAAA."); return undefined; }
      return v;
    }
    function liste(nom) {
      var c = CHAMPS[nom];
      if (!c) return undefined;
      var ctl = c.controles[0], v = valeur(nom);
      if (!v) return undefined;
      var items = [];
      v.split(/[,;]/).map(function (x) { return x.trim(); }).filter(Boolean).forEach(function (x) { if (items.indexOf(x) < 0) items.push(x); });
      var min = parseInt(ctl.getAttribute("data-min-length"), 10), max = parseInt(ctl.getAttribute("data-max-length"), 10), maxItems = parseInt(ctl.getAttribute("data-max-items"), 10);
      items.forEach(function (x) {
        if (x.length < min) err(nom, "« " + x + " » est trop court : au moins " + min + " caractères par élément.");
        else if (x.length > max) err(nom, "« " + x.slice(0, 30) + "… » est trop long : " + max + " caractères au plus par élément.");
      });
      if (items.length > maxItems) err(nom, "Liste trop longue : " + maxItems + " éléments au plus.");
      return items.length ? items : undefined;
    }
    function cases(nom) {
      var c = CHAMPS[nom];
      if (!c) return undefined;
      var v = coches(nom), min = parseInt(c.el.getAttribute("data-min-items") || "0", 10), max = parseInt(c.el.getAttribute("data-max-items") || "0", 10);
      if (min && v.length < min && (v.length || c.el.hasAttribute("data-obligatoire")))
        err(nom, min === 1 ? "Champ obligatoire : cocher au moins un choix." : "Cocher au moins " + min + " choix.");
      if (max && v.length > max) err(nom, "Trop de choix : " + max + " au plus.");
      return v.length ? v : undefined;
    }
    function zone() {
      var nom = "zone_eligibilite", c = CHAMPS[nom];
      var v = coches(nom);
      var saisie = $("[data-zone-communes]", c.el);
      var erreurCode = false;
      nettoyer(saisie.value).split(/[,;\s]+/).filter(Boolean).forEach(function (code) {
        if (D.zone.communes[code]) { if (v.indexOf(code) < 0) v.push(code); return; }
        erreurCode = true;
        if (D.codes_postaux[code]) err(nom, "Code de territoire inconnu « " + code + " » : c'est un code postal ; utiliser le code INSEE de la commune (" + D.codes_postaux[code].map(function (x) { return x[1] + " : " + x[0]; }).join(", ") + ").");
        else err(nom, "Code de commune inconnu « " + code + " » : code INSEE d'une commune du catalogue attendu (ex. 91228).");
      });
      if (!v.length && !erreurCode) err(nom, "Champ obligatoire : cocher au moins un territoire ou indiquer une commune.");
      var max = parseInt(c.el.getAttribute("data-max-items") || "0", 10);
      if (max && v.length > max) err(nom, "Trop de codes : " + max + " au plus.");
      return v.length ? v : undefined;
    }
    /* Languages: the ticked boxes, then the names (in French) or ISO 639-1 codes typed in « Autres langues ». */
    function langues() {
      var nom = "langues", c = CHAMPS[nom];
      if (!c) return undefined;
      var v = coches(nom), noms = D.langues || {}, parNom = {};
      Object.keys(noms).forEach(function (code) { parNom[normaliser(noms[code])] = code; });
      var saisie = $("[data-langues-autres]", c.el);
      nettoyer(saisie ? saisie.value : "").split(/[,;]+/).map(function (x) { return x.trim(); }).filter(Boolean).forEach(function (x) {
        var code = noms[x.toLowerCase()] ? x.toLowerCase() : parNom[normaliser(x)];
        if (code) { if (v.indexOf(code) < 0) v.push(code); return; }
        if (/^(lsf|langue des signes( francaise)?)$/.test(normaliser(x))) err(nom, "La langue des signes française n'a pas de code ISO 639-1 : l'indiquer dans la description de l'offre.");
        else err(nom, "Langue inconnue « " + x + " » : écrire son nom en français (ex. tigrigna) ou son code ISO 639-1 à deux lettres (ex. ti).");
      });
      var max = parseInt(c.el.getAttribute("data-max-items") || "0", 10);
      if (max && v.length > max) err(nom, "Trop de langues : " + max + " au plus.");
      return v.length ? v : undefined;
    }
    function lieu() {
      var l = {};
      var adresse = texte("lieu.adresse"), code = texte("lieu.code_postal"), insee = communeSel ? communeSel.value : "";
      var nomLieu = texte("lieu.nom"), complement = texte("lieu.complement_adresse"), horaires = texte("lieu.horaires_accueil");
      var rempli = adresse || code || insee || nomLieu || complement || horaires;
      if (!rempli) return undefined;
      if (!adresse) requis("lieu.adresse");
      if (!code) requis("lieu.code_postal");
      var choix = (D.codes_postaux[code] || []).filter(function (x) { return x[0] === insee; })[0];
      if (code && D.codes_postaux[code] && !choix) err("lieu.commune", "Champ obligatoire : choisir la commune du code postal " + code + ".");
      D.champs_lieu.forEach(function (k) {
        var v = { nom: nomLieu, adresse: adresse, complement_adresse: complement, code_postal: code,
          commune: choix ? choix[1] : undefined, code_insee: choix ? choix[0] : undefined, horaires_accueil: horaires }[k];
        if (v !== undefined) l[k] = v;
      });
      return l;
    }
    function places() {
      var p = { total: nombre("places.total"), disponibles: nombre("places.disponibles"), date: date("places.date"), saturation: valeur("places.saturation") || undefined };
      if (p.total === undefined && p.disponibles === undefined && p.date === undefined && p.saturation === undefined) return undefined;
      if (p.total === undefined && !erreurs.some(function (e) { return e.nom === "places.total"; })) err("places.total", "Champ obligatoire avec des places : indiquer le nombre total de places.");
      if (p.disponibles === undefined && !erreurs.some(function (e) { return e.nom === "places.disponibles"; })) err("places.disponibles", "Champ obligatoire avec des places : indiquer le nombre de places disponibles.");
      if (p.date === undefined && !erreurs.some(function (e) { return e.nom === "places.date"; })) err("places.date", "Champ obligatoire avec des places : indiquer la date du comptage.");
      if (p.total !== undefined && p.disponibles !== undefined && p.disponibles > p.total) err("places.disponibles", "Plus de places disponibles (" + p.disponibles + ") que de places au total (" + p.total + ").");
      if (p.date && p.date > aujourdhui()) err("places.date", "Date de comptage des places dans le futur (" + p.date + ").");
      var out = {};
      D.champs_places.forEach(function (k) { if (p[k] !== undefined) out[k] = p[k]; });
      return out;
    }

    var lecteurs = {
      nom: function () { return texte("nom"); },
      description: function () { return texte("description", true); },
      type: function () { return valeur("type") || undefined; },
      thematiques: function () { return cases("thematiques"); },
      mots_cles: function () { return liste("mots_cles"); },
      publics: function () { return cases("publics"); },
      publics_precisions: function () { return texte("publics_precisions", true); },
      age_min: function () { return nombre("age_min"); },
      age_max: function () { return nombre("age_max"); },
      conditions_acces: function () { return texte("conditions_acces", true); },
      zone_eligibilite: zone,
      frais: function () { return valeur("frais") || undefined; },
      frais_precisions: function () { return texte("frais_precisions", true); },
      modes_accueil: function () { return cases("modes_accueil"); },
      lieux: function () { var l = lieu(); return l ? [l] : undefined; },
      horaires_accueil: function () { return texte("horaires_accueil"); },
      langues: langues,
      places: places,
      mobilisable_par: function () { return cases("mobilisable_par"); },
      modes_mobilisation: function () { return cases("modes_mobilisation"); },
      lien_mobilisation: function () { return texte("lien_mobilisation"); },
      mobilisation_precisions: function () { return texte("mobilisation_precisions", true); },
      telephone: function () { return texte("telephone"); },
      courriel: function () { return texte("courriel"); },
      volume_horaire_hebdomadaire: function () { return nombre("volume_horaire_hebdomadaire"); },
      nombre_semaines: function () { return nombre("nombre_semaines"); },
      date_debut: function () { return date("date_debut"); },
      date_fin: function () { return date("date_fin"); },
      partenaires: function () { return cases("partenaires"); },
      date_maj: function () { return date("date_maj"); },
      frequence_maj: function () { var v = valeur("frequence_maj"); return v ? Number(v) : undefined; }
    };
    D.champs.forEach(function (k) {
      if (!lecteurs[k]) return;  // fields left out of the form (statut, doublons_ecartes)
      var v = lecteurs[k]();
      if (v !== undefined) offre[k] = v;
    });

    /* Rules between fields (generator/pipeline/checks/check_coherence.py, check_fraicheur.py). */
    if (offre.publics && offre.publics.indexOf("tous-publics") >= 0 && offre.publics.length > 1)
      err("publics", "« Tous publics » s'utilise seul : décocher les autres publics ou « Tous publics ».");
    if (offre.age_min !== undefined && offre.age_max !== undefined && offre.age_min > offre.age_max)
      err("age_max", "Âge maximum (" + offre.age_max + ") inférieur à l'âge minimum (" + offre.age_min + ").");
    if (offre.date_debut && offre.date_fin && offre.date_debut > offre.date_fin)
      err("date_fin", "La session finit (" + offre.date_fin + ") avant de commencer (" + offre.date_debut + ").");
    if (offre.date_maj && offre.date_maj > aujourdhui()) err("date_maj", "Date de mise à jour dans le futur (" + offre.date_maj + ").");
    var accueil = offre.modes_accueil || [];
    if (accueil.indexOf("en-presentiel") >= 0 && !offre.lieux && !erreurs.some(function (e) { return e.nom.indexOf("lieu.") === 0; }))
      err("lieu.adresse", "Offre en présentiel sans lieu : indiquer l'adresse du lieu d'accueil, ou cocher seulement « À distance ».");
    var modes = offre.modes_mobilisation || [];
    if (modes.indexOf("utiliser-lien-mobilisation") >= 0 && !offre.lien_mobilisation)
      err("lien_mobilisation", "Mode « Utiliser le lien de mobilisation » choisi : indiquer le lien de mobilisation.");
    if (modes.indexOf("telephoner") >= 0 && !offre.telephone && !infoStructure.telephone)
      err("telephone", "Mode « Téléphoner » choisi : indiquer un téléphone (la fiche de la structure n'en a pas).");
    if (modes.indexOf("envoyer-un-courriel") >= 0 && !offre.courriel && !infoStructure.courriel)
      err("courriel", "Mode « Envoyer un courriel » choisi : indiquer un courriel (la fiche de la structure n'en a pas).");

    /* Errors in the order of the page. */
    var ordre = Object.keys(CHAMPS);
    erreurs.sort(function (a, b) { return ordre.indexOf(a.nom) - ordre.indexOf(b.nom); });
    return { offre: offre, structure: structure, erreurs: erreurs };
  }

  /* ----- showing errors ----- */
  function marquer(erreurs) {
    var parNom = {};
    erreurs.forEach(function (e) { parNom[e.nom] = e.message; });
    Object.keys(CHAMPS).forEach(function (nom) {
      var c = CHAMPS[nom], message = parNom[nom];
      var decrit = c.cible.getAttribute("data-decrit") || "";
      if (message && c.erreur) {
        c.erreur.textContent = message;
        c.erreur.hidden = false;
        c.cible.setAttribute("aria-describedby", (decrit + " " + c.erreur.id).trim());
        c.controles.forEach(function (i) { i.setAttribute("aria-invalid", "true"); });
      } else {
        if (c.erreur) { c.erreur.textContent = ""; c.erreur.hidden = true; }
        if (decrit) c.cible.setAttribute("aria-describedby", decrit); else c.cible.removeAttribute("aria-describedby");
        c.controles.forEach(function (i) { i.removeAttribute("aria-invalid"); });
      }
    });
    resumeListe.textContent = "";
    if (!erreurs.length) { resume.hidden = true; return; }
    resumeTitre.textContent = erreurs.length > 1 ? "Le formulaire contient " + erreurs.length + " erreurs" : "Le formulaire contient une erreur";
    erreurs.forEach(function (e) {
      var c = CHAMPS[e.nom], li = document.createElement("li"), a = document.createElement("a");
      var cible = c.controles.filter(function (i) { return i.type !== "hidden"; })[0] || c.cible;
      a.href = "#" + cible.id;
      a.textContent = c.libelle + " : " + e.message;
      a.addEventListener("click", function (ev) { ev.preventDefault(); cible.focus(); cible.scrollIntoView({ block: "center" }); });
      li.appendChild(a);
      resumeListe.appendChild(li);
    });
    resume.hidden = false;
    resume.focus();
  }

  var courant = null;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var r = verifier();
    marquer(r.erreurs);
    if (r.erreurs.length) { resultat.hidden = true; courant = null; return; }
    var texte = yaml(r.offre, SCHEMA), fichier = nomFichier(r.offre.nom, (D.structures[r.structure] || {}).offres);
    courant = { texte: texte, fichier: fichier };
    sortie.value = texte;
    chemin.textContent = "offers/" + r.structure + "/" + fichier;
    if (lienForge) lienForge.href = urlForge(r.structure, fichier, texte, D.forge);
    etat.textContent = "";
    resultat.hidden = false;
    document.getElementById("proposer-resultat-titre").focus();
  });
  form.addEventListener("input", function () {
    if (courant) { resultat.hidden = true; courant = null; }
  });
  document.getElementById("proposer-copier").addEventListener("click", function () {
    if (!courant) return;
    function fait() { etat.textContent = "Fichier copié : collez-le dans un nouveau fichier " + courant.fichier + " sur la forge."; }
    function secours() {
      sortie.focus();
      sortie.select();
      try { document.execCommand("copy"); fait(); } catch { etat.textContent = "Copie impossible : sélectionnez le texte et copiez-le (Ctrl+C)."; }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(courant.texte).then(fait, secours); else secours();
  });
  document.getElementById("proposer-telecharger").addEventListener("click", function () {
    if (!courant) return;
    var url = URL.createObjectURL(new Blob([courant.texte], { type: "application/x-yaml;charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = courant.fichier;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    etat.textContent = "Fichier " + courant.fichier + " téléchargé.";
  });

  /* Start: the form needs this script; date_maj is today. */
  var dateMaj = $("#champ-date-maj");
  if (dateMaj && !dateMaj.value) dateMaj.value = aujourdhui();
  var sansJs = document.getElementById("proposer-sans-js");
  if (sansJs) sansJs.hidden = true;
  form.hidden = false;
  suggerer();
  /* For the browser tests (tests/contrib/test_form.py). */
  window.CatalogueProposer = {
    yaml: function (offre) { return yaml(offre, SCHEMA); },
    verifier: verifier,
    telephone: function (v) { return telephoneNational(v, INVALIDES); },
    courriel: courrielValide,
    horaires: function (v) { return HORAIRES.test(v); },
    slug: slugifier,
    urlForge: function (structure, fichier, texte, forge) { return urlForge(structure, fichier, texte, forge || D.forge); }
  };
}
