/* Every page: the counter of "Ma sélection", the header menu on phones, wide tables that scroll, and a
   French message for unexpected errors. The shared code is in lib.js. */
import { $, $$, ecouterErreurs, pret, selection } from "./lib.js";

/* "Ajouter à ma sélection", on the offer page and on every card of every list (the search page's results
   come later: hence one listener for the whole page). What happened is said in a live region. */
function boutonsSelection() {
  let annonce = null;
  document.addEventListener("click", (e) => {
    const b = e.target.closest && e.target.closest("[data-selection-bouton]");
    if (!b) return;
    const texte = selection.basculer(b);
    if (!annonce || !annonce.isConnected) {
      annonce = document.createElement("p");
      annonce.className = "cat-sr";
      annonce.setAttribute("role", "status");
      document.body.append(annonce);
    }
    annonce.textContent = texte;
  });
}

/* The language switcher keeps what the page shows: the search's words and filters (?q=…&commune=…), read
   when the link is followed, as the search changes the address without reloading. */
function languesGardentLaRecherche() {
  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest(".cat-langues a[hreflang]");
    if (!a) return;
    if (!a.hasAttribute("data-adresse")) a.setAttribute("data-adresse", a.getAttribute("href"));
    a.setAttribute("href", a.getAttribute("data-adresse") + location.search);
  });
}

/* Phones: the header menu folds behind « Menu » (shown by catalogue.css on small screens only).
   Escape closes it and gives the focus back to the button. */
function menu() {
  const bouton = $("[data-menu-bouton]");
  const nav = bouton && document.getElementById(bouton.getAttribute("aria-controls"));
  if (!nav) return;
  const ouvrir = (oui) => bouton.setAttribute("aria-expanded", oui ? "true" : "false");
  bouton.addEventListener("click", () => ouvrir(bouton.getAttribute("aria-expanded") !== "true"));
  nav.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && bouton.getAttribute("aria-expanded") === "true") { ouvrir(false); bouton.focus(); }
  });
}

/* A wide table of the editorial pages scrolls sideways inside itself on a small screen (Material's
   styles): it then takes the keyboard focus, so that the arrow keys scroll it (WCAG 2.1.1). */
function tableaux() {
  $$(".md-typeset table:not([class])").forEach((table) => {
    const defile = table.scrollWidth > table.clientWidth + 1;
    if (defile && !table.hasAttribute("tabindex")) { table.tabIndex = 0; table.setAttribute("data-defile", ""); }
    else if (!defile && table.hasAttribute("data-defile")) { table.removeAttribute("tabindex"); table.removeAttribute("data-defile"); }
  });
}

ecouterErreurs();
boutonsSelection();
languesGardentLaRecherche();
pret(() => { selection.compteur(); menu(); tableaux(); });
window.addEventListener("resize", tableaux);
window.addEventListener("storage", selection.compteur);
