/* An offer as the parcours page and the printed « Ma sélection » show it: the card of the list pages (the
   page's <template id="cat-carte-modele">, made by the same macro) followed by what a person needs to get
   in — address and distance, phone, hours, who may refer her and how, places with their date. The data
   comes from the besoins/ files (generator/site/pages/parcours.py); every text goes in as text. */
import { el, langue, nombre, retenir, t, tn, url } from "./lib.js";
import { base, fichiersDe, offre } from "./parcours-regles.js";

const telecharges = new Map();

async function json(fichier) {
  const r = await fetch(url("besoins", { fichier }));
  if (!r.ok) throw new Error(fichier + " : " + r.status);
  return r.json();
}

/* besoins/index.json: the files of each category (« france » and the départements with offers) and the
   labels of the ways in. */
function sommaire() {
  return retenir(telecharges, "index.json", () => json("index.json"));
}

/* The offers of one file (« mobilite/91.json »), downloaded once. */
function fichier(nom) {
  return retenir(telecharges, nom, async () => {
    const data = await json(nom);
    return data.offres.map((e) => offre(e, data.horaires));
  });
}

/* The offers of a category that may be open to a person living in département `dep`: its file for that
   département and its national file (besoins/<categorie>/<dep>.json, france.json), in the order of their
   ids, as one list. */
export function offresDe(cat, dep) {
  return retenir(telecharges, cat + "|" + dep, async () => {
    const { fichiers } = await sommaire();
    const noms = fichiersDe(fichiers[cat] || [], dep);
    const listes = await Promise.all(noms.map((f) => fichier(`${cat}/${f}.json`)));
    return [].concat(...listes).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
}

/* An offer by its id, for « Ma sélection » (ids only, of any page): besoins/offres/<structure>.json names
   its file. null when it is no longer published. */
export async function offreParId(id) {
  const structure = id.split("/")[0];
  let fichiers;
  try {
    fichiers = await retenir(telecharges, "offres/" + structure, () => json(`offres/${structure}.json`));
  } catch {
    return null; // no public offer of this structure any more
  }
  const nom = fichiers[id];
  if (!nom) return null;
  const [cat, dep] = nom.split("/");
  const { fichiers: existants } = await sommaire();
  for (const partie of (existants[cat] || []).filter((f) => base(f) === dep)) { // its file, or its parts in turn
    const trouvee = (await fichier(`${cat}/${partie}.json`)).find((o) => o.id === id);
    if (trouvee) return trouvee;
  }
  return null;
}

let libelles = { modes: {} };

/* The labels the cards need, in the page's language (besoins/index.json): call before `carte`. */
export async function preparer() {
  const tous = await sommaire();
  libelles = { modes: tous.modes[langue()] || tous.modes.fr || {} };
}

/* ----- text ------------------------------------------------------------------------------------------ */

/* « 1er décembre 2026 » in French (as the pages write it), the locale's long date otherwise; `date` is a
   Date or an ISO date (2026-12-01). */
export function dateLongue(date) {
  const d = typeof date === "string" ? new Date(...date.split("-").map((x, i) => Number(x) - (i === 1 ? 1 : 0))) : date;
  const texte = d.toLocaleDateString(langue(), { day: "numeric", month: "long", year: "numeric" });
  return langue() === "fr" && d.getDate() === 1 ? texte.replace(/^1 /, "1er ") : texte;
}

function heure(min) {
  const h = Math.floor(min / 60) % 24, m = min % 60;
  return `${h}:${String(m).padStart(2, "0")}`;
}

function jourCourt(i) {
  return new Date(2024, 0, 1 + i).toLocaleDateString(langue(), { weekday: "short" }); // 1 January 2024: a Monday
}

/* A weekly schedule in one line: « lun. – ven. 8:30–17:30 ; sam. 9:00–12:00 ». */
export function horairesTexte(s) {
  if (!s) return "";
  if (!s.reg) return t("Horaires variables : voir la fiche");
  const parts = [];
  for (let i = 0; i < 7;) {
    let j = i;
    const cle = JSON.stringify(s.j[i] || []);
    while (j + 1 < 7 && JSON.stringify(s.j[j + 1] || []) === cle) j++;
    if ((s.j[i] || []).length) {
      const jours = i === j ? jourCourt(i) : `${jourCourt(i)} – ${jourCourt(j)}`;
      parts.push(`${jours} ${s.j[i].map(([a, b]) => `${heure(a)}–${heure(b)}`).join(", ")}`);
    }
    i = j + 1;
  }
  return parts.join(" ; ");
}

function entree(o) {
  const m = [...o.mobilisable].sort().join(",");
  const qui = m === "usagers" ? t("Elle peut y aller directement.")
    : m === "professionnels" ? t("Sur orientation d'un ou une professionnelle.")
      : m ? t("Directement ou sur orientation d'un ou une professionnelle.") : "";
  const modes = o.modes.map((x) => (libelles.modes[x] || x).toLowerCase()).join(", ");
  return [qui, modes ? t("Pour entrer : {modes}.", { modes }) : ""].filter(Boolean).join(" ");
}

export function placesTexte(o) {
  const p = o.places;
  if (!p) return t("Non renseignées : appelez avant d'orienter.");
  const date = dateLongue(p.date);
  if (p.aConfirmer) return t("À confirmer (dernier comptage le {date}).", { date });
  if (!p.disponibles) return t("Complet (compté le {date}).", { date });
  return tn("{n} place disponible sur {total} (comptée le {date}).", "{n} places disponibles sur {total} (comptées le {date}).", p.disponibles, { total: p.total, date });
}

function ligne(cle, valeur, classe) {
  return valeur ? el("p", { class: "cat-parcours__info" + (classe ? " " + classe : "") }, el("span", { class: "cat-parcours__cle" }, cle + " "), valeur) : null;
}

/* ----- the card ---------------------------------------------------------------------------------------- */

/* `x`: an offer seen from the person's commune (parcours-regles.js `situer`), or {o} alone; `raison`:
   why an alternative is shown (« complet », « loin »). */
export function carte(x, raison = "") {
  const { o } = x;
  const li = document.getElementById("cat-carte-modele").content.firstElementChild.cloneNode(true);
  li.setAttribute("data-offre", o.id);
  const a = li.querySelector(".cat-card__titre a");
  a.setAttribute("href", url("offre", { id: o.id }).pathname);
  a.textContent = o.nom;
  const meta = li.querySelector(".cat-card__meta");
  const texte = meta.querySelector(".cat-card__texte") || meta;
  const communes = [...new Set(o.lieux.map((l) => l.commune))];
  texte.textContent = [o.structure, communes.slice(0, 3).join(", ")].filter(Boolean).join(" · ");
  const loin = meta.querySelector(".cat-card__a-distance");
  if (loin && !o.aDistance) loin.remove();
  else if (!loin && o.aDistance) meta.append(" · " + t("à distance"));
  const distance = meta.querySelector(".cat-card__distance");
  if (distance && x.km !== null && x.km !== undefined) {
    distance.textContent = " · " + t("à {km} km", { km: nombre(x.km, x.km < 10 ? 1 : 0) });
  } else if (distance) distance.remove();
  const badges = li.querySelector(".cat-badges");
  if (badges) {
    const etat = !o.places ? "" : o.places.aConfirmer ? "cat-badge--neutre" : o.places.disponibles ? "cat-badge--ok" : "cat-badge--non";
    for (const b of [...badges.querySelectorAll(".cat-badge")]) if (!etat || !b.classList.contains(etat)) b.remove();
    const ok = badges.querySelector(".cat-badge--ok");
    if (ok) ok.textContent = tn("{n} place disponible sur {total}", "{n} places disponibles sur {total}", o.places.disponibles, { n: o.places.disponibles, total: o.places.total });
    if (!badges.children.length) badges.remove();
  }
  const bouton = li.querySelector("[data-selection-bouton]");
  if (bouton) {
    bouton.setAttribute("data-selection-bouton", o.id);
    bouton.setAttribute("data-nom", o.nom);
    const nomCache = bouton.querySelector(".cat-sr span");
    if (nomCache) nomCache.textContent = o.nom;
  }
  if (raison) li.prepend(el("p", { class: "cat-parcours__raison" }, raison === "complet" ? t("Complet") : raison === "loin" ? t("Plus loin") : t("Autre possibilité")));
  const lieu = x.lieu || o.lieux[0];
  const adresse = lieu ? `${lieu.adresse}, ${lieu.cp} ${lieu.commune}` : t("À distance, sans lieu d'accueil.");
  const infos = el("div", { class: "cat-parcours__infos" },
    ligne(t("Adresse :"), adresse),
    ligne(t("Téléphone :"), o.telephone),
    ligne(t("Horaires :"), horairesTexte(lieu && lieu.s ? lieu.s : o.s)),
    ligne(t("Comment y entrer :"), entree(o)),
    ligne(t("Places :"), placesTexte(o)),
    x.ouvert === true ? ligne(t("Ses disponibilités :"), t("ouvert sur au moins une de ses demi-journées.")) : null,
    x.ouvert === false ? ligne(t("Ses disponibilités :"), t("fermé sur toutes ses demi-journées.")) : null);
  li.append(infos);
  return li;
}
