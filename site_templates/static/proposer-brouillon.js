/* « Proposer une offre »: the answers kept in this browser as a draft (localStorage), so that a reload, a
   closed tab or a crash loses nothing; « Effacer le brouillon » forgets them. Nothing leaves the browser.
   The draft is {champs: {id of a control: its value, or true/false for a box}, partenaires: [folders]}. */

export const CLE_BROUILLON = "catalogue-insertion:proposer:brouillon";

function stockage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null; // storage refused (private browsing, policy): the form works without a draft
  }
}

export function lireBrouillon() {
  const s = stockage();
  if (!s) return null;
  try {
    const d = JSON.parse(s.getItem(CLE_BROUILLON) || "null");
    return d && typeof d === "object" && d.champs && typeof d.champs === "object" ? d : null;
  } catch {
    return null;
  }
}

export function ecrireBrouillon(d) {
  const s = stockage();
  if (!s) return false;
  try {
    s.setItem(CLE_BROUILLON, JSON.stringify(d));
    return true;
  } catch {
    return false; // storage full
  }
}

export function effacerBrouillon() {
  const s = stockage();
  if (s) s.removeItem(CLE_BROUILLON);
}

/* The values of the form's controls that have an id (the partner structures' boxes are given apart). */
export function releve(form, exclus) {
  const champs = {};
  for (const c of form.querySelectorAll("input[id], select[id], textarea[id]")) {
    if (exclus(c)) continue;
    if (c.type === "checkbox" || c.type === "radio") champs[c.id] = c.checked; // unticked defaults too
    else if (c.value !== "") champs[c.id] = c.value;
  }
  return champs;
}

/* Puts the draft's values back; `ensuite(id)` is called after a control whose value decides other
   controls (the postal code decides the communes offered). Returns the controls it filled. */
export function restaure(form, champs, ensuite) {
  let n = 0;
  const ordre = Object.keys(champs);
  for (const id of ordre) {
    const c = form.querySelector("#" + CSS.escape(id));
    if (!c) continue;
    if (c.type === "checkbox" || c.type === "radio") c.checked = champs[id] === true;
    else c.value = String(champs[id]);
    n += 1;
    ensuite(id);
  }
  return n;
}
