/* The head of a printed plan or selection (layouts/impression.html): the print date, the short link and
   its QR code, drawn in the browser by qrcode-generator (vendored from node_modules, see VENDOR in
   generator/cli/build.py) as an SVG built node by node — no markup string reaches the page. */
import { $, retenir } from "./lib.js";
import { dateLongue } from "./parcours-offre.js";

const SVG = "http://www.w3.org/2000/svg";
const charge = new Map();

function bibliotheque() {
  return retenir(charge, "qrcode", () => import("./vendor/qrcode/qrcode.mjs"));
}

/* The SVG of a QR code of `texte` (error correction M), one unit per module, 4 modules of margin. */
export async function qrSvg(texte, titre) {
  const { default: qrcode } = await bibliotheque();
  const qr = qrcode(0, "M");
  qr.addData(texte, "Byte");
  qr.make();
  const n = qr.getModuleCount(), marge = 4, taille = n + 2 * marge;
  let d = "";
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + marge} ${r + marge}h1v1h-1z`;
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${taille} ${taille}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", titre);
  svg.setAttribute("data-modules", String(n));
  const fond = document.createElementNS(SVG, "rect");
  fond.setAttribute("width", String(taille));
  fond.setAttribute("height", String(taille));
  fond.setAttribute("fill", "#fff");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(fond, path);
  return svg;
}

/* Fills the print head with today's date, `lien` (the plan's or selection's address) and its QR code. */
export async function preparerImpression(lien, titreQr) {
  const bloc = $("[data-impression]");
  if (!bloc) return;
  $("[data-impression-date]", bloc).textContent = dateLongue(new Date());
  $("[data-impression-lien]", bloc).textContent = lien;
  const qr = $("[data-impression-qr]", bloc);
  if (qr.getAttribute("data-lien") === lien) return;
  qr.setAttribute("data-lien", lien);
  qr.replaceChildren(await qrSvg(lien, titreQr));
}
