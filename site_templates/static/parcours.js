/* « Préparer un parcours »: the form and the URL hold the plan (parcours-regles.js reads and writes it),
   the besoins/ files the offers (per category of needs, her département's and the national one), and the
   answer is one group per need (<section data-besoin="…">). The same page prints on one A4 sheet with its
   link and QR code. */
import { $, $$, el, normaliser, pret, t, tn, url } from "./lib.js";
import { preparerImpression } from "./imprimer.js";
import { carte, offresDe, preparer } from "./parcours-offre.js";
import { categorie, classer, lireCriteres, RAYONS, versParams } from "./parcours-regles.js";
import { commune as communeDe, geo, toutesLesCommunes } from "./recherche-geo.js";
import { departementDe } from "./territoires.js";

const form = $("#parcours");
const etat = $("#parcours-etat");
const groupes = $("#parcours-groupes");
const libelles = JSON.parse($("#parcours-libelles").textContent);
let sequence = 0;

/* ----- the commune: typed name or postal code → INSEE code ------------------------------------------ */

function libelleCommune(c) {
  return `${c.nom} (${c.cps.join(", ")})`;
}

async function remplirCommunes() {
  await toutesLesCommunes();
  const liste = $("#parcours-communes");
  const tri = [...geo.liste].sort((a, b) => a.nom.localeCompare(b.nom, "fr"));
  liste.replaceChildren(...tri.map((c) => el("option", { value: libelleCommune(c) })));
}

/* The commune the référent means, or a French message saying why none. */
async function trouverCommune(texte) {
  await toutesLesCommunes();
  const brut = texte.trim();
  if (!brut) return { erreur: t("Indiquez la commune où habite la personne.") };
  const cp = brut.match(/^\d{5}$/) ? brut : null;
  const n = normaliser(brut.replace(/\s*\([^)]*\)\s*$/, ""));
  let trouvees = cp ? geo.liste.filter((c) => c.cps.includes(cp)) : geo.liste.filter((c) => c.n === n);
  if (!trouvees.length && !cp) trouvees = geo.liste.filter((c) => c.n.startsWith(n));
  if (trouvees.length === 1) return { commune: trouvees[0] };
  if (!trouvees.length) return { erreur: t("Commune introuvable : « {texte} ». Choisissez-la dans la liste.", { texte: brut }) };
  return { erreur: t("Plusieurs communes correspondent : {noms}. Précisez le nom.", { noms: trouvees.slice(0, 6).map((c) => c.nom).join(", ") }) };
}

/* ----- URL <-> form -------------------------------------------------------------------------------------- */

function versForm(c, commune) {
  form.reset();
  $("#parcours-commune-saisie").value = commune ? libelleCommune(commune) : "";
  $("#parcours-commune").value = c.commune;
  const coche = (name, values) => $$(`input[name="${name}"]`, form).forEach((i) => { i.checked = values.includes(i.value); });
  coche("besoin", c.besoins);
  coche("public", c.publics);
  coche("dispo", c.dispos);
  $("#parcours-gratuit").checked = c.gratuit;
  $("#parcours-enfant").value = c.enfant === null ? "" : String(c.enfant);
  $("#parcours-rayon").value = c.rayon;
  // A chosen thématique or situation is shown open, so that the référent sees what the plan asks.
  $$("details", form).forEach((d) => { if ($$("input:checked", d).length) d.open = true; });
}

function depuisForm() {
  const fd = new FormData(form);
  const p = new URLSearchParams();
  for (const [k, v] of fd.entries()) if (v !== "") p.append(k, v);
  return lireCriteres(p);
}

/* ----- the answer -------------------------------------------------------------------------------------- */

function lienDuParcours() {
  return location.href;
}

function resume(c, commune) {
  const parts = [t("Habite à {commune}", { commune: commune.nom })];
  parts.push(c.rayon === "sans-voiture" ? t("sans voiture (jusqu'à {km} km)", { km: RAYONS[c.rayon] }) : t("jusqu'à {km} km", { km: RAYONS[c.rayon] }));
  if (c.enfant !== null) parts.push(tn("un enfant de {n} an", "un enfant de {n} ans", c.enfant));
  if (c.gratuit) parts.push(t("gratuit seulement"));
  return parts.join(" · ") + ".";
}

function groupe(besoin, r, commune, c) {
  const nom = libelles.besoins[besoin] || besoin;
  const section = el("section", { class: "cat-parcours__groupe", "data-besoin": besoin, "aria-labelledby": "besoin-" + besoin });
  section.append(el("h3", { id: "besoin-" + besoin }, nom));
  const km = RAYONS[c.rayon];
  if (!r.eligibles) {
    section.append(el("p", { class: "cat-alerte", "data-aucune": "" }, t("Aucune offre pour ce besoin n'est ouverte aux habitants de {commune} avec ces critères.", { commune: commune.nom })));
    return section;
  }
  if (r.sansPlace) {
    const texte = r.offres.length
      ? t("Aucune offre n'annonce de place libre à moins de {km} km : appelez celles-ci avant d'orienter, ou voyez les autres possibilités.", { km })
      : t("Aucune offre avec une place libre à moins de {km} km de chez elle. Voici les possibilités les plus proches.", { km });
    section.append(el("p", { class: "cat-alerte", "data-sans-place": "" }, texte));
  }
  if (r.offres.length) section.append(el("ol", { class: "cat-cards" }, ...r.offres.map((x) => carte(x))));
  if (r.alternatives.length) {
    section.append(el("p", { class: "cat-parcours__autres" }, t("Autres possibilités (plus loin, complètes ou à distance) :")));
    section.append(el("ol", { class: "cat-cards", "data-alternatives": "" }, ...r.alternatives.map((x) => carte(x, x.raison))));
  }
  return section;
}

async function afficher() {
  const seq = ++sequence;
  const c = lireCriteres(new URLSearchParams(location.search));
  // The needs' files (of her département, read from the commune's code) and the commune are downloaded
  // at the same time.
  const dep = departementDe(c.commune);
  const donnees = c.commune ? Promise.all(c.besoins.map((b) => offresDe(categorie(b), dep)).concat(preparer())) : null;
  if (donnees) donnees.catch(() => {}); // a failed download is said below, once awaited
  const commune = c.commune ? await communeDe(c.commune) : null;
  if (seq !== sequence) return;
  versForm(c, commune);
  groupes.replaceChildren();
  $("#parcours-actions").hidden = true;
  $("#parcours-lien-bloc").hidden = true;
  $("#parcours-resume").hidden = true;
  if (!c.commune && !c.besoins.length) { etat.textContent = ""; return; }
  if (!commune) { etat.textContent = t("Indiquez la commune où habite la personne."); return; }
  if (!c.besoins.length) { etat.textContent = t("Choisissez au moins un besoin."); return; }
  etat.textContent = t("Recherche des offres…");
  const fichiers = await donnees;
  const reponses = c.besoins.map((b, i) => classer(fichiers[i], b, c, commune));
  if (seq !== sequence) return;
  groupes.replaceChildren(...c.besoins.map((b, i) => groupe(b, reponses[i], commune, c)));
  $("#parcours-resume").textContent = resume(c, commune);
  $("#parcours-resume").hidden = false;
  etat.textContent = tn("Parcours prêt : {n} besoin.", "Parcours prêt : {n} besoins.", c.besoins.length);
  $("#parcours-lien").value = lienDuParcours();
  $("#parcours-actions").hidden = false;
  $("#parcours-lien-bloc").hidden = false;
  groupes.setAttribute("data-pret", "");
  await preparerImpression(lienDuParcours(), t("QR code du lien du parcours"));
}

function init() {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const saisie = $("#parcours-commune-saisie").value;
    const r = await trouverCommune(saisie);
    if (r.erreur) { etat.textContent = r.erreur; $("#parcours-commune-saisie").focus(); return; }
    $("#parcours-commune").value = r.commune.code;
    const p = versParams(depuisForm());
    history.pushState(null, "", url("parcours").pathname + (p.toString() ? "?" + p : ""));
    await afficher();
    etat.focus();
  });
  $("#parcours-imprimer").addEventListener("click", () => window.print());
  $("#parcours-copier").addEventListener("click", () => {
    const input = $("#parcours-lien");
    const fait = () => { etat.textContent = t("Lien copié : collez-le dans un courriel ou un message."); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(fait, () => input.select());
    else { input.focus(); input.select(); etat.textContent = t("Le lien est sélectionné : copiez-le (Ctrl+C)."); }
  });
  window.addEventListener("popstate", afficher);
  // The suggestions of communes come once the plan of the URL is answered: they are not needed before.
  afficher().finally(remplirCommunes);
}

pret(init);
