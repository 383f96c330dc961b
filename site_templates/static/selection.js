/* "Ma sélection": offers kept in this browser (localStorage), printed together or shared as one link
   (selection/?ids=a/b,c/d). On screen, the fiches are read from the offer pages themselves; in print, one
   A4 page of compact cards (the besoins/ data, as the parcours page) under the link and its QR code.
   « Vider la sélection » can be undone. */
import { preparerImpression } from "./imprimer.js";
import { $, $$, el, pret, selection, t, tn, url } from "./lib.js";
import { carte, offreParId, preparer } from "./parcours-offre.js";

const ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

function idsPartages() {
  const p = new URLSearchParams(location.search).get("ids");
  if (!p) return null;
  return p.split(",").filter((x) => ID.test(x));
}

function lien(ids) {
  const u = url("selection");
  u.search = "ids=" + ids.join(",");
  return u.href;
}

/* A heading one level down, keeping its attributes (its id is what an aria-labelledby points to). */
function renommer(h, tag) {
  const n = document.createElement(tag);
  for (const a of h.attributes) n.setAttribute(a.name, a.value);
  n.append(...h.childNodes);
  h.replaceWith(n);
}

/* Every fiche's ids made unique in the page (« f2-orienter-titre »), with what refers to them. */
function prefixerIds(f, prefixe) {
  const ids = new Set($$("[id]", f).map((e) => e.id));
  $$("[id]", f).forEach((e) => { e.id = prefixe + e.id; });
  for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls", "for"]) {
    $$(`[${attr}]`, f).forEach((e) => {
      e.setAttribute(attr, e.getAttribute(attr).split(/\s+/).map((x) => (ids.has(x) ? prefixe + x : x)).join(" "));
    });
  }
}

/* The offer page as an inert document, parsed by the browser's XMLHttpRequest: no HTML string goes through
   a sink that Trusted Types guards (DOMParser, innerHTML), and no script of it runs. */
function page(adresse) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("GET", adresse.href);
    xhr.responseType = "document";
    xhr.onload = () => (xhr.status === 200 && xhr.response ? resolve(xhr.response) : reject(new Error(String(xhr.status))));
    xhr.onerror = () => reject(new Error("réseau"));
    xhr.send();
  });
}

async function fiche(id, i) {
  const adresse = url("offre", { id });
  const doc = await page(adresse);
  const f = doc.querySelector(".cat-fiche");
  if (!f) throw new Error("fiche");
  $$("script, .cat-noprint, .cat-actions, .cat-ariane", f).forEach((e) => e.remove());
  $$("a[href]", f).forEach((a) => a.setAttribute("href", new URL(a.getAttribute("href"), adresse).href));
  /* The page keeps a single h1: each fiche's title becomes an h2, its sections h3. */
  $$("h3", f).forEach((h) => renommer(h, "h4"));
  $$("h2", f).forEach((h) => renommer(h, "h3"));
  $$("h1", f).forEach((h) => renommer(h, "h2"));
  /* Each fiche's sections are named with the offer too (« Orienter une personne Garage solidaire »):
     landmarks of the same name would be indistinguishable. */
  const titre = $("h2", f);
  if (titre) {
    titre.id = "titre";
    $$("section[aria-labelledby]", f).forEach((sec) => sec.setAttribute("aria-labelledby", sec.getAttribute("aria-labelledby") + " titre"));
  }
  prefixerIds(f, `f${i + 1}-`);
  return document.importNode(f, true);
}

/* The printed page: one compact card per offer, from the besoins/ files (besoins/offres/<structure>.json
   names the file of each; an offer no longer listed says so). */
async function tableau(liste) {
  const ol = $("#selection-tableau");
  ol.replaceChildren();
  if (!liste.length) return;
  const [offres] = await Promise.all([Promise.all(liste.map((x) => offreParId(x.id))), preparer()]);
  const cartes = liste.map((x, i) => {
    const o = offres[i];
    return o ? carte({ o, km: null }) : el("li", { class: "cat-card" }, t("L'offre « {nom} » n'existe plus dans le catalogue.", { nom: x.nom }));
  });
  ol.replaceChildren(...cartes);
}

async function afficher() {
  const partages = idsPartages();
  const liste = partages ? partages.map((id) => ({ id, nom: id })) : selection.lire();
  const etat = $("#selection-etat"), ul = $("#selection-liste"), fiches = $("#selection-fiches");
  ul.replaceChildren();
  fiches.replaceChildren();
  $("#selection-actions").hidden = !liste.length;
  $("#selection-lien-bloc").hidden = !liste.length;
  $("#selection-garder").hidden = !partages;
  $("#selection-vider").hidden = !!partages;
  if (liste.length) $("#selection-annulation").hidden = true;
  tableau(liste);
  if (!liste.length) {
    etat.textContent = t("Votre sélection est vide. Sur une fiche d'offre, utilisez « Ajouter à ma sélection ».");
    return;
  }
  const n = liste.length;
  etat.textContent = partages ? tn("Sélection partagée : {n} offre.", "Sélection partagée : {n} offres.", n) : tn("Votre sélection : {n} offre.", "Votre sélection : {n} offres.", n);
  $("#selection-lien").value = lien(liste.map((x) => x.id));
  preparerImpression(lien(liste.map((x) => x.id)), t("QR code du lien de la sélection"));
  const nodes = await Promise.all(liste.map((x, i) => fiche(x.id, i).catch(() => null)));
  nodes.forEach((node, i) => {
    const x = liste[i];
    if (!node) {
      const p = document.createElement("p");
      p.textContent = t("L'offre « {nom} » n'existe plus dans le catalogue.", { nom: x.nom });
      fiches.append(p);
    } else {
      fiches.append(node);
    }
    if (!partages) {
      const li = document.createElement("li");
      li.className = "cat-card";
      const b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      const nom = node ? node.querySelector("h2").textContent : x.nom;
      b.textContent = t("Retirer « {nom} »", { nom });
      b.addEventListener("click", () => { selection.retirer(x.id); afficher(); $("#selection-etat").focus(); });
      li.append(b);
      ul.append(li);
    }
  });
}

function init() {
  const etat = $("#selection-etat");
  etat.setAttribute("tabindex", "-1");
  $("#selection-imprimer").addEventListener("click", () => window.print());
  $("#selection-copier").addEventListener("click", () => {
    const input = $("#selection-lien");
    const fait = () => { etat.textContent = t("Lien copié : collez-le dans un courriel ou un message."); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(fait, () => input.select());
    else { input.focus(); input.select(); etat.textContent = t("Le lien est sélectionné : copiez-le (Ctrl+C)."); }
  });
  $("#selection-garder").addEventListener("click", () => {
    for (const id of idsPartages() || []) selection.ajouter(id, id);
    history.replaceState(null, "", location.pathname);
    afficher();
    etat.textContent = tn("Sélection gardée dans ce navigateur : {n} offre.", "Sélection gardée dans ce navigateur : {n} offres.", selection.lire().length);
  });
  const annulation = $("#selection-annulation"), annuler = $("#selection-annuler");
  let videe = [];
  $("#selection-vider").addEventListener("click", async () => {
    videe = selection.lire();
    selection.ecrire([]);
    await afficher();
    etat.textContent = tn("Sélection vidée : {n} offre retirée.", "Sélection vidée : {n} offres retirées.", videe.length);
    annuler.textContent = t("Annuler : remettre les offres retirées");
    annulation.hidden = false;
    annuler.focus();
  });
  annuler.addEventListener("click", async () => {
    selection.ecrire(videe);
    annulation.hidden = true;
    await afficher();
    etat.focus();
  });
  afficher();
}

pret(init);
