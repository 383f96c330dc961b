/* Trusted Types. The site's Content-Security-Policy (generator/site/context.py) says
   « require-trusted-types-for 'script' »: the browser refuses every string given to an HTML or script
   sink (innerHTML, new Worker…) unless a policy lets it through. The site's own code uses none. Pages
   with a map or a search load this module first, before Leaflet: its default policy lets through only
   the constant markup Leaflet writes itself and Pagefind's worker, and refuses anything else (the
   browser then throws and reports the violation). Texts of the catalogue never go through it: they
   reach the map as DOM nodes (carte.js).

   In node (tests/js), there is no `trustedTypes`: importing this module only gives the two lists. */

/* The exact strings Leaflet 1.9 and markercluster 1.5 write with innerHTML. */
const HTML_LEAFLET = new Set([
  "", // a container emptied
  "<svg/>", // Leaflet's test of inline SVG, when it loads
  '<span aria-hidden="true">+</span>', // zoom in
  '<span aria-hidden="true">&#x2212;</span>', // zoom out
  '<span aria-hidden="true">&#215;</span>', // a popup's close button
]);
const GROUPE = /^<div><span>\d{1,9}<\/span><\/div>$/; // markercluster's default icon of a group of N markers

export function htmlPermis(s) {
  return typeof s === "string" && (HTML_LEAFLET.has(s) || GROUPE.test(s));
}

/* Pagefind starts its search worker from the site itself. */
export function scriptPermis(s, base) {
  try {
    const u = new URL(s, base);
    return u.origin === new URL(base).origin && /\/pagefind\/pagefind-worker\.js$/.test(u.pathname) && !u.search && !u.hash;
  } catch {
    return false;
  }
}

if (globalThis.trustedTypes && globalThis.trustedTypes.createPolicy) {
  globalThis.trustedTypes.createPolicy("default", {
    createHTML: (s) => (htmlPermis(s) ? s : null),
    createScriptURL: (s) => (scriptPermis(s, document.baseURI) ? s : null),
  });
}
