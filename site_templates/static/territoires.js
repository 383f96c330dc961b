/* Communes, eligibility and distances for the search page, without the page (node --test imports it). */

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

/* Is an offer whose zone covers the codes `codes` open to a person living in `commune`? What the search
   asks Pagefind with the filter { eligibilite: { any: codesEligibles(commune) } }. */
export function couvre(codes, commune) {
  const eligibles = codesEligibles(commune);
  return codes.some((c) => eligibles.includes(c));
}

/* Great-circle distance in km between two {lat, lon}. */
export function distanceKm(a, b) {
  const R = 6371, rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(x));
}
