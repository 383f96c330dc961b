/* The partners' tickets without the page (node --test imports it): the text of a « Mettre à jour les
   places » ticket, as GitHub writes an issue form's answers (### label, then the answer) and as
   generator/model/ticket.py writes and reads it (same cases: tests/js/cas/tickets.json); the forge's
   issue link and the e-mail built from it. */

import { t } from "./lib.js";

export const SANS_REPONSE = "_No response_";

/* The ticket's text: one section per field of `libelles` ({id: label}), answers from `valeurs`. */
export function corps(libelles, valeurs) {
  return Object.keys(libelles).map((k) => "### " + libelles[k] + "\n\n" + (valeurs[k] || SANS_REPONSE)).join("\n\n") + "\n";
}

/* The issue form's link: `base` (form, title and offer already in it) + the answers; `champCorps` is the
   parameter that carries the whole text (GitLab, Gitea), empty on GitHub where each field is a parameter. */
export function lienTicket(base, champCorps, libelles, valeurs) {
  if (champCorps) return base + "&" + encodeURIComponent(champCorps) + "=" + encodeURIComponent(corps(libelles, valeurs));
  let url = base;
  for (const k of Object.keys(libelles)) {
    if (k !== "offre" && valeurs[k]) url += "&" + encodeURIComponent(k) + "=" + encodeURIComponent(valeurs[k]);
  }
  return url;
}

/* The e-mail: `base` (mailto:adresse?subject=…) + its text. */
export function lienCourriel(base, texte) {
  return base + "&body=" + encodeURIComponent(texte);
}

/* What is wrong with a count typed in the page (texts of the inputs), in the page's language, or "". */
export function erreurPlaces(disponibles, total) {
  const entier = (v) => /^\d+$/.test(v);
  if (!entier(disponibles)) return t("Places disponibles : indiquer un nombre entier, 0 s'il n'y a plus de place.");
  if (total !== "" && !entier(total)) return t("Places au total : indiquer un nombre entier, ou laisser vide s'il n'a pas changé.");
  if (total !== "" && Number(disponibles) > Number(total))
    return t("Plus de places disponibles ({disponibles}) que de places au total ({total}).", { disponibles, total });
  return "";
}
