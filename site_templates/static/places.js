/* Offer page, « Pour la structure qui porte l'offre »: the count typed by the partner rebuilds the links
   « Envoyer par <forge> » (the forge's issue form, prefilled) and « Envoyer par courriel » (to the
   catalogue's contact). The links work without this script, with the figures of the page. Nothing is sent
   by the page itself. */
import { aujourdhui } from "./proposer-fichier.js";
import { erreurPlaces, lienCourriel, lienTicket, corps } from "./ticket.js";

const bloc = document.querySelector("[data-partenaire]");
const libellesEl = document.getElementById("places-libelles");
if (bloc && libellesEl) demarrer(bloc, JSON.parse(libellesEl.textContent));

function demarrer(bloc, libelles) {
  const id = bloc.getAttribute("data-partenaire");
  const champs = bloc.querySelector("[data-places-champs]");
  const disponibles = document.getElementById("places-disponibles");
  const total = document.getElementById("places-total");
  const date = document.getElementById("places-date");
  const erreur = document.getElementById("places-erreur");
  const ticket = bloc.querySelector("[data-places-ticket]");
  const courriel = bloc.querySelector("[data-places-courriel]");
  date.value = aujourdhui();
  date.max = aujourdhui();
  champs.hidden = false;

  function valeurs() {
    return { offre: id, disponibles: disponibles.value.trim(), total: total.value.trim(), date: date.value };
  }

  function mettreAJour() {
    const v = valeurs(), message = erreurPlaces(v.disponibles, v.total);
    erreur.textContent = message;
    erreur.hidden = !message;
    for (const el of [disponibles, total]) el.toggleAttribute("aria-invalid", Boolean(message));
    if (message) return false;
    if (ticket) ticket.href = lienTicket(ticket.getAttribute("data-ticket"), ticket.getAttribute("data-corps"), libelles, v);
    if (courriel) courriel.href = lienCourriel(courriel.getAttribute("data-courriel"), corps(libelles, v));
    return true;
  }

  for (const el of [disponibles, total, date]) el.addEventListener("input", mettreAJour);
  for (const lien of [ticket, courriel]) {
    if (!lien) continue;
    lien.addEventListener("click", (ev) => {
      if (!mettreAJour()) { ev.preventDefault(); disponibles.focus(); }
    });
  }
  mettreAJour();
}
