/* The search page's active filters: shown as removable chips above the results (a shared link shows what
   it turns on), counted on « Filtrer (n) », the button behind which the filters fold on a phone (the
   results come first). recherche.js calls `filtresActifs` with the form's state at each search. */
import { $, $$, el, t } from "./lib.js";

const form = $("#recherche");
const zone = $("#filtres-actifs");
const bouton = $("#filtrer");
let relancer = () => {};
let focaliser = null; // after a chip is removed: the position of the chip to focus

/* Each active filter: {texte, retirer}. `st` is the form's state (recherche.js lireForm). */
function actifs(st) {
  const liste = [];
  if (st.q) liste.push({ texte: t("Mots-clés : « {q} »", { q: st.q }), retirer: () => { $("#q").value = ""; } });
  const saisie = $("#commune-saisie");
  if (st.commune) {
    liste.push({
      texte: t("Habite : {commune}", { commune: saisie.value || st.commune }),
      retirer: () => { $("#commune").value = ""; saisie.value = ""; $("#commune-effacer").hidden = true; },
      plie: true,
    });
  }
  // Every ticked box of the form, in its order: availability, then each facet.
  for (const c of $$('input[type="checkbox"]:checked', form)) {
    const label = form.querySelector(`label[for="${c.id}"]`);
    liste.push({ texte: label ? label.textContent.trim() : c.value, retirer: () => { c.checked = false; }, plie: true });
  }
  return liste;
}

export function filtresActifs(st, chercher) {
  relancer = chercher;
  const liste = actifs(st);
  const ul = zone.querySelector("ul");
  ul.replaceChildren(...liste.map((f, i) => {
    const b = el("button", { type: "button", class: "cat-puce", "aria-label": t("Retirer le filtre « {filtre} »", { filtre: f.texte }) }, f.texte, el("span", { "aria-hidden": "true", class: "cat-puce__croix" }, "×"));
    b.addEventListener("click", () => { f.retirer(); focaliser = i; relancer(); });
    return el("li", {}, b);
  }));
  zone.hidden = !liste.length;
  if (focaliser !== null) {
    const boutons = ul.querySelectorAll("button");
    (boutons[Math.min(focaliser, boutons.length - 1)] || $("#resultats-zone")).focus();
    focaliser = null;
  }
  // A commune code of the link that no commune has: the notice is under the commune box, unfolded.
  if (!$("#commune-inconnue").hidden) bouton.setAttribute("aria-expanded", "true");
  const n = liste.filter((f) => f.plie).length;
  $("#filtrer-nombre").textContent = n ? `(${n})` : "";
  // A facet with a ticked box is open: what a link turned on is seen in the form too.
  for (const d of $$("details.cat-facette", form)) if (d.querySelector("input:checked")) d.open = true;
}

/* « Filtrer (n) »: shown on a phone only (catalogue.css), it unfolds the filters. */
bouton.hidden = false;
bouton.addEventListener("click", () => {
  bouton.setAttribute("aria-expanded", bouton.getAttribute("aria-expanded") === "true" ? "false" : "true");
});
