/* « Proposer une offre » : checks the answers with the validator's rules, writes the YAML file, opens the forge.
   Nothing is sent anywhere by this page. No dependency. */
(function () {
  "use strict";
  var form = document.getElementById("proposer");
  var donneesEl = document.getElementById("proposer-donnees");
  if (!form || !donneesEl) return;
  var D = JSON.parse(donneesEl.textContent);
  var resume = document.getElementById("proposer-erreurs");
  var resumeListe = document.getElementById("proposer-erreurs-liste");
  var resumeTitre = document.getElementById("proposer-erreurs-titre");
  var resultat = document.getElementById("proposer-resultat");
  var sortie = document.getElementById("proposer-yaml");
  var chemin = document.getElementById("proposer-chemin");
  var etat = document.getElementById("proposer-etat");
  var lienForge = document.getElementById("proposer-forge");
  var SCHEMA = "# yaml-language-server: $schema=../../schema/offre.schema.json";
  var CODES = { code_postal: 1, code_insee: 1, zone_eligibilite: 1 };
  var DATES = { date_maj: 1, date_debut: 1, date_fin: 1, date: 1 };
  var INVALIDES = {};
  (D.telephone_invalides || []).forEach(function (p) { INVALIDES[p] = 1; });

  /* ----- small helpers ----- */
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function aujourdhui() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  /* Control characters are dropped (tabs become spaces); multi-line texts keep their line breaks. */
  function nettoyer(v, multiligne) {
    v = String(v || "").replace(/\r\n?/g, "\n").replace(/\t/g, " ");
    v = v.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, "");
    if (!multiligne) return v.replace(/\n/g, " ").trim();
    return v.split("\n").map(function (l) { return l.replace(/\s+$/, ""); }).join("\n").replace(/^\n+|\n+$/g, "").replace(/^\s+$/, "");
  }
  function slugifier(texte) {
    var s = String(texte).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    s = s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return s.slice(0, 60).replace(/-+$/, "");
  }
  function pluriel(n, mot) { return n + " " + mot + (n > 1 ? "s" : ""); }

  /* ----- the validator's rules, in the browser ----- */
  function telephoneNational(v) {
    var s = v.replace(/[\s.\-()]/g, "");
    if (/^\+33/.test(s)) s = "0" + s.slice(3);
    else if (/^0033/.test(s)) s = "0" + s.slice(4);
    if (!/^0[1-9]\d{8}$/.test(s) || INVALIDES[s.slice(0, 4)]) return null;
    return s.replace(/(\d\d)(?=\d)/g, "$1 ");
  }
  var SPECIAUX = { arpa: 1, invalid: 1, local: 1, localhost: 1, onion: 1, test: 1 };
  function courrielValide(v) {
    if (v.length > 254) return false;
    var m = /^([A-Za-z0-9!#$%&'*+\/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+\/=?^_`{|}~-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}))$/.exec(v);
    if (!m || m[1].length > 64) return false;
    return !SPECIAUX[m[3].toLowerCase()];
  }
  function lienValide(v) {
    if (/\s/.test(v) || v.length > 2083) return false;
    try {
      var u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname);
    } catch (e) { return false; }
  }
  /* A subset of the OpenStreetMap opening_hours syntax that the validator always reads. */
  var JOUR = "(?:Mo|Tu|We|Th|Fr|Sa|Su)", JOURS = JOUR + "(?:-" + JOUR + ")?(?:," + JOUR + "(?:-" + JOUR + ")?)*";
  var HEURE = "(?:[01]\\d|2[0-4]):[0-5]\\d", PLAGES = HEURE + "-" + HEURE + "(?:," + HEURE + "-" + HEURE + ")*";
  var REGLE = "(?:" + JOURS + " (?:" + PLAGES + "|off)|PH (?:" + PLAGES + "|off)|24/7)";
  var HORAIRES = new RegExp("^" + REGLE + "(?: ?; ?" + REGLE + ")*$");

  var MESSAGE_HORAIRES = "horaires illisibles : utiliser le format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00; PH off » (Mo lundi, Tu mardi, We mercredi, Th jeudi, Fr vendredi, Sa samedi, Su dimanche, PH jours fériés)";

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
        var t = telephoneNational(v);
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
      function simple(t) { return t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[-’']/g, " ").replace(/\s+/g, " ").trim(); }
      Object.keys(noms).forEach(function (code) { parNom[simple(noms[code])] = code; });
      var saisie = $("[data-langues-autres]", c.el);
      nettoyer(saisie ? saisie.value : "").split(/[,;]+/).map(function (x) { return x.trim(); }).filter(Boolean).forEach(function (x) {
        var code = noms[x.toLowerCase()] ? x.toLowerCase() : parNom[simple(x)];
        if (code) { if (v.indexOf(code) < 0) v.push(code); return; }
        if (/^(lsf|langue des signes( francaise)?)$/.test(simple(x))) err(nom, "La langue des signes française n'a pas de code ISO 639-1 : l'indiquer dans la description de l'offre.");
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

    /* Rules between fields (generator/checks/check_coherence.py, check_fraicheur.py). */
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

  /* ----- the YAML file (model order, no empty field, codes quoted) ----- */
  function guillemets(s) {
    return JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/\u0085/g, "\\u0085");
  }
  function simple(s) {
    if (s === "" || s !== s.trim()) return false;
    if (/^[-?:,\[\]{}#&*!|>'"%@`.=<~]/.test(s)) return false;
    if (/: |:$| #|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) return false;
    if (/^(y|n|yes|no|true|false|on|off|null)$/i.test(s)) return false;
    if (/^[+-]?[\d.]/.test(s) && /^[\d\s_.:+\-eEoOxXbB]+$/.test(s)) return false;  // numbers, dates, times
    return true;
  }
  function scalaire(v, cle, retrait) {
    if (typeof v === "number") return String(v);
    if (CODES[cle]) return guillemets(v);
    if (DATES[cle] && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    if (v.indexOf("\n") >= 0 && !/^[ \n]/.test(v) && !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(v)) {
      return "|-\n" + v.split("\n").map(function (l) { return l ? retrait + "  " + l : ""; }).join("\n");
    }
    return simple(v) ? v : guillemets(v);
  }
  function yaml(offre) {
    var lignes = [SCHEMA];
    Object.keys(offre).forEach(function (cle) {
      var v = offre[cle];
      if (Array.isArray(v)) {
        lignes.push(cle + ":");
        v.forEach(function (item) {
          if (item && typeof item === "object") {
            Object.keys(item).forEach(function (k, i) { lignes.push((i ? "    " : "  - ") + k + ": " + scalaire(item[k], k, "    ")); });
          } else {
            lignes.push("  - " + scalaire(item, cle, "    "));
          }
        });
      } else if (v && typeof v === "object") {
        lignes.push(cle + ":");
        Object.keys(v).forEach(function (k) { lignes.push("  " + k + ": " + scalaire(v[k], k, "  ")); });
      } else {
        lignes.push(cle + ": " + scalaire(v, cle, ""));
      }
    });
    return lignes.join("\n") + "\n";
  }
  function nomFichier(structure, nom) {
    var base = slugifier(nom) || "offre", existants = (D.structures[structure] || {}).offres || [], n = 2, s = base;
    while (existants.indexOf(s) >= 0) { s = base + "-" + n; n += 1; }
    return s + ".yml";
  }
  function urlForge(structure, fichier, texte, forge) {
    var f = forge || D.forge;
    if (!f) return "";
    var dossier = "offers/" + encodeURIComponent(structure);
    if (f.type === "gitlab")
      return f.url + "/-/new/" + encodeURI(f.branche) + "/" + dossier + "?file_name=" + encodeURIComponent(fichier) + "&content=" + encodeURIComponent(texte);
    return f.url + "/new/" + encodeURI(f.branche) + "/" + dossier + "?filename=" + encodeURIComponent(fichier) + "&value=" + encodeURIComponent(texte);
  }

  var courant = null;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var r = verifier();
    marquer(r.erreurs);
    if (r.erreurs.length) { resultat.hidden = true; courant = null; return; }
    var texte = yaml(r.offre), fichier = nomFichier(r.structure, r.offre.nom);
    courant = { texte: texte, fichier: fichier };
    sortie.value = texte;
    chemin.textContent = "offers/" + r.structure + "/" + fichier;
    if (lienForge) lienForge.href = urlForge(r.structure, fichier, texte);
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
      try { document.execCommand("copy"); fait(); } catch (e) { etat.textContent = "Copie impossible : sélectionnez le texte et copiez-le (Ctrl+C)."; }
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
  window.CatalogueProposer = { yaml: yaml, verifier: verifier, telephone: telephoneNational, courriel: courrielValide, horaires: function (v) { return HORAIRES.test(v); }, slug: slugifier, urlForge: urlForge };
})();
