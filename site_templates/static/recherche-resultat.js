/* A result of the search and map pages (recherche.js): its card, and whether it is open now. */
import { $, nombre, ouvert, t, tn, url } from "./lib.js";

/* Open at `now`: true, false, or null (unknown). Hours of its places, else its own: from its geo entry `g`, else
   (geo file not downloaded: a commune search reads its département's only) its record's meta « horaires ». */
export function ouvertOffre(g, now, meta = {}) {
  let scheds = g ? g.lieux.map((l) => l.s).filter(Boolean) : [];
  if (g && !scheds.length && g.s) scheds.push(g.s);
  if (!g && meta.horaires) scheds = JSON.parse(meta.horaires);
  let connu = false;
  for (const s of scheds) {
    const o = ouvert(s, now);
    if (o) return true;
    if (o === false) connu = true;
  }
  return connu ? false : null;
}

/* A result: the page's card model (<template id="cat-carte-modele">, made by the same macro as the list
   pages' cards, every badge present) filled with text and attributes only, and pruned of the badges it
   does not need. The index says places are
   "complet", "a-confirmer" or "<disponibles>/<total>" (see generator/site/search/records.py). */
export function carteResultat(m, km, ouverte) {
  const li = $("#cat-carte-modele").content.firstElementChild.cloneNode(true);
  const a = li.querySelector(".cat-card__titre a");
  a.setAttribute("href", url("offre", { id: m.id }).pathname);
  a.textContent = m.title || m.id;
  const meta = li.querySelector(".cat-card__meta");
  const distance = meta.querySelector(".cat-card__distance");
  meta.querySelector(".cat-card__texte").textContent = [m.structure, m.lieux].filter(Boolean).join(" · ");
  if (!m.distance) meta.querySelector(".cat-card__a-distance").remove();
  if (km !== null) distance.textContent = " · " + t("à {km} km", { km: nombre(km, km < 10 ? 1 : 0) });
  else distance.remove();
  const bouton = li.querySelector("[data-selection-bouton]");
  bouton.setAttribute("data-selection-bouton", m.id);
  bouton.setAttribute("data-nom", m.title || m.id);
  bouton.querySelector(".cat-sr span").textContent = m.title || m.id;
  const places = m.places || "";
  const [n, total] = places.split("/").map(Number);
  const garder = {
    "cat-badge--non": places === "complet",
    "cat-badge--neutre": places === "a-confirmer",
    "cat-badge--ok": places.includes("/"),
    "cat-badge--alerte": !!m.maj,
    "cat-badge--ouvert": ouverte,
  };
  const badges = li.querySelector(".cat-badges");
  for (const b of badges.querySelectorAll(".cat-badge")) {
    if (!Object.keys(garder).some((classe) => garder[classe] && b.classList.contains(classe))) b.remove();
  }
  const ok = badges.querySelector(".cat-badge--ok");
  if (ok) ok.textContent = tn("{n} place disponible sur {total}", "{n} places disponibles sur {total}", n, { n, total });
  if (!badges.children.length) badges.remove();
  return li;
}
