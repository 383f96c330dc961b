/* Communes, eligibility and distances for the search page, without the page (node --test imports it). */
import { normaliser } from "./lib.js";

/* A commune from a row of geo/communes-*.json (generator/site/search/communes.py). */
export function communeDeLigne([code, nom, cps, dep, epci, lat, lon, principales = ""]) {
  return { code, nom, cps: cps ? cps.split(" ") : [], dep, epci, lat, lon, n: normaliser(nom), principales: principales ? principales.split(" ") : [] };
}

/* The département of a commune, from its INSEE code: two characters (« 91 », Corsica « 2A », « 2B »),
   three overseas (« 971 » to « 978 », « 984 » to « 989 »). */
export function departementDe(code) {
  return /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
}

/* The zone codes that open an offer to a person living in `commune` ({code, dep, epci}): an offer is
   open to them when its zone holds one (the search index lists, for each offer, the codes its zone
   covers: Referentiel.covered_codes in generator/model/territoires.py). */
export function codesEligibles(commune) {
  return ["france", commune.code, commune.dep, commune.epci].filter(Boolean);
}

/* Is an offer whose zone covers the codes `codes` open to a person living in `commune`? (The parcours page
   asks it of each offer; the search page asks Pagefind `filtreEligibilite`.) */
export function couvre(codes, commune) {
  const eligibles = codesEligibles(commune);
  return codes.some((c) => eligibles.includes(c));
}

/* The same question as a Pagefind filter. The index files an offer's codes by département
   (« eligibilite-91 »: the communes, EPCI and département codes of the Essonne it covers) and « france »
   alone in « eligibilite » (Referentiel.eligibility_filters): a search loads the filter of the
   person's département and the national one, not the codes of all France. */
export function filtreEligibilite(commune) {
  const locaux = codesEligibles(commune).filter((c) => c !== "france");
  return { any: [{ ["eligibilite-" + commune.dep]: { any: locaux } }, { eligibilite: { any: ["france"] } }] };
}

/* Great-circle distance in km between two {lat, lon}. */
export function distanceKm(a, b) {
  const R = 6371, rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(x));
}

/* What the commune box suggests for `q` (normalised: lib.js normaliser) among `liste`, communes as
   recherche-geo.js reads them ({nom, n: normalised name, cps: postal codes, principales: the postal codes
   of which it is the main commune}), at most `max`, each {c: commune, cp: the postal code to show}.
   Digits are a postal code or its beginning: by postal code, then the main commune of that code first
   (generator/model/codes_postaux.py), then by name; a postal code + Enter takes the first. Letters are a
   name: names that start with them, then that have a word starting with them, then that hold them. */
export function suggererCommunes(q, liste, max = 10) {
  const chiffres = /^\d+$/.test(q);
  const trouvees = [];
  for (const c of liste) {
    if (chiffres) {
      const cp = c.cps.filter((x) => x.startsWith(q)).sort()[0];
      if (cp) trouvees.push({ c, cp, cle: [cp, (c.principales || []).includes(cp) ? 0 : 1] });
    } else {
      const s = c.n.startsWith(q) ? 0 : c.n.includes(" " + q) ? 1 : c.n.includes(q) ? 2 : -1;
      if (s >= 0) trouvees.push({ c, cp: c.cps[0] || "", cle: ["", s] });
    }
  }
  trouvees.sort((a, b) => (a.cle[0] < b.cle[0] ? -1 : a.cle[0] > b.cle[0] ? 1 : 0) || a.cle[1] - b.cle[1] || a.c.nom.localeCompare(b.c.nom, "fr"));
  return trouvees.slice(0, max).map(({ c, cp }) => ({ c, cp }));
}
