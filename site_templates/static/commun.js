/* Every page: the counter of "Ma sélection", the header menu on phones, wide tables that scroll, and a
   French message for unexpected errors. The shared code is in lib.js. */
import { $, $$, ecouterErreurs, pret, selection } from "./lib.js";

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
pret(() => { selection.compteur(); menu(); tableaux(); });
window.addEventListener("resize", tableaux);
window.addEventListener("storage", selection.compteur);
