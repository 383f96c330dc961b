/* « Préparer un parcours »: the rules, without the page (node --test imports this module).

   A plan is a set of criteria read from the page's URL (`lireCriteres`, written back by `versParams`):
   commune (INSEE code), besoin (repeated: a category or a thématique code), public (repeated), enfant (a
   child's age), rayon (km, or « sans-voiture »), dispo (repeated: « lu-matin », « ma-apres-midi »…),
   gratuit=1. For each need, `classer` keeps the offers open to the person (her commune is in the offer's
   zone — the rule of territoires.js —, her public, the child's age, free only), then ranks them: a free
   place first, then the distance, then open when she is available. */
import { couvre, distanceKm } from "./territoires.js";

export const RAYONS = { "sans-voiture": 5, 10: 10, 20: 20, 30: 30, 50: 50 };
export const RAYON_DEFAUT = "20";
export const JOURS = ["lu", "ma", "me", "je", "ve", "sa"];
export const DEMI_JOURNEES = { matin: [8 * 60, 12 * 60], "apres-midi": [13 * 60 + 30, 18 * 60] };
const CODE = /^[a-z0-9-]+$/;
const DISPO = /^(lu|ma|me|je|ve|sa)-(matin|apres-midi)$/;
export const PAR_BESOIN = 3; // offers shown per need: 3 needs × 3 offers fit on one printed page

/* The criteria of a plan from URL parameters (a URLSearchParams); unknown values are dropped. */
export function lireCriteres(p) {
  const uniques = (xs) => [...new Set(xs)];
  const enfant = p.get("enfant");
  const rayon = p.get("rayon");
  return {
    commune: /^[0-9][0-9AB][0-9]{3}$/.test(p.get("commune") || "") ? p.get("commune") : "",
    besoins: uniques(p.getAll("besoin").filter((b) => CODE.test(b))),
    publics: uniques(p.getAll("public").filter((b) => CODE.test(b))),
    enfant: enfant !== null && /^\d{1,2}$/.test(enfant) ? Number(enfant) : null,
    rayon: rayon in RAYONS ? rayon : RAYON_DEFAUT,
    dispos: uniques(p.getAll("dispo").filter((d) => DISPO.test(d))),
    gratuit: p.get("gratuit") === "1",
  };
}

/* The URL parameters of a plan, in a stable order (the plan's link). */
export function versParams(c) {
  const p = new URLSearchParams();
  if (c.commune) p.set("commune", c.commune);
  for (const b of c.besoins) p.append("besoin", b);
  for (const x of c.publics) p.append("public", x);
  if (c.enfant !== null) p.set("enfant", String(c.enfant));
  if (c.rayon !== RAYON_DEFAUT) p.set("rayon", c.rayon);
  for (const d of c.dispos) p.append("dispo", d);
  if (c.gratuit) p.set("gratuit", "1");
  return p;
}

/* The category of a need (« famille--garde-denfants » → « famille »). */
export function categorie(besoin) {
  return besoin.split("--")[0];
}

/* The files of a category a person living in département `dep` reads, among those that exist (`existants`,
   besoins/index.json): her département's and the national one (generator/site/pages/parcours.py
   `fichiers` files an offer in the same way as the search index's filters, territoires.js
   filtreEligibilite). */
export function fichiersDe(existants, dep) {
  return existants.filter((f) => base(f) === dep || base(f) === "france");
}

/* The name of a file without its part: a file over 1 MB is cut into « 91-1 », « 91-2 »… (a département
   code never holds « - »; generator/site/search/geo.py `part_names`). */
export function base(fichier) {
  return fichier.replace(/-\d+$/, "");
}

/* An entry of a besoins/<categorie>/<dep>.json file (generator/site/pages/parcours.py) as an object. */
export function offre(e, horaires) {
  const s = (i) => (i >= 0 ? horaires[i] : null);
  const [id, nom, structure, thematiques, zone, publics, ageMin, ageMax, gratuit, places, lieux, aDistance, telephone, mobilisable, modes, h] = e;
  return {
    id, nom, structure, thematiques, zone, publics, ageMin, ageMax, gratuit, aDistance: !!aDistance, telephone, mobilisable, modes,
    places: places ? { total: places[0], disponibles: places[1], date: places[2], aConfirmer: !!places[3] } : null,
    lieux: lieux.map(([lat, lon, si, commune, adresse, cp]) => ({ lat, lon, s: s(si), commune, adresse, cp })),
    s: s(h),
  };
}

/* Is the offer open to the person? `commune`: {code, dep, epci}. The child's age is checked against the
   age limits of the « famille » offers only (there, they are the child's). */
export function eligible(o, besoin, c, commune) {
  if (besoin.includes("--") ? !o.thematiques.includes(besoin) : !o.thematiques.length) return false;
  if (!couvre(o.zone, commune)) return false;
  if (c.publics.length && o.publics.length && !o.publics.includes("tous-publics") && !o.publics.some((p) => c.publics.includes(p))) return false;
  if (c.enfant !== null && categorie(besoin) === "famille") {
    if ((o.ageMin !== null && c.enfant < o.ageMin) || (o.ageMax !== null && c.enfant > o.ageMax)) return false;
  }
  if (c.gratuit && o.gratuit !== 1) return false;
  return true;
}

/* « libre », « complet », « a-confirmer » (count older than the offer's update frequency) or « inconnu ». */
export function etatPlaces(o) {
  if (!o.places) return "inconnu";
  if (o.places.aConfirmer) return "a-confirmer";
  return o.places.disponibles > 0 ? "libre" : "complet";
}

/* Open during at least one of her half-days (true), closed during all (false), or unknown (null). */
export function ouvertPendant(s, dispos) {
  if (!dispos.length || !s || !s.reg) return null;
  return dispos.some((d) => {
    const [jour, moment] = [d.slice(0, 2), d.slice(3)];
    const [debut, fin] = DEMI_JOURNEES[moment];
    return (s.j[JOURS.indexOf(jour)] || []).some(([a, b]) => a < fin && b > debut);
  });
}

/* The offer seen from the person's commune: nearest place and its distance (km), places, hours. */
export function situer(o, c, commune) {
  let lieu = null, km = null;
  for (const l of o.lieux) {
    if (l.lat === null || l.lon === null || commune.lat === null || commune.lat === undefined) continue;
    const d = distanceKm(commune, l);
    if (km === null || d < km) { km = d; lieu = l; }
  }
  if (!lieu && o.lieux.length) lieu = o.lieux[0];
  const places = etatPlaces(o);
  const ouvert = ouvertPendant(lieu && lieu.s ? lieu.s : o.s, c.dispos);
  const proche = o.aDistance || (km !== null && km <= RAYONS[c.rayon]);
  return { o, lieu, km, places, ouvert, proche };
}

const RANG_PLACES = { libre: 0, inconnu: 1, "a-confirmer": 1, complet: 2 };

function cle(x, c) {
  const km = x.km === null ? RAYONS[c.rayon] : Math.round(x.km);
  return [RANG_PLACES[x.places], km, x.ouvert === true ? 0 : x.ouvert === null ? 1 : 2];
}

function comparer(c) {
  return (a, b) => {
    const ka = cle(a, c), kb = cle(b, c);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return a.o.nom.localeCompare(b.o.nom, "fr");
  };
}

/* The answer for one need: `offres` (the best eligible offers she can reach and that are not full),
   `sansPlace` (none of those announces a free place), `alternatives` (when sansPlace: the nearest
   other eligible offers — a free place farther, or full, each with its reason) and `eligibles` (how many). */
export function classer(offres, besoin, c, commune, n = PAR_BESOIN) {
  const situees = offres.filter((o) => eligible(o, besoin, c, commune)).map((o) => situer(o, c, commune));
  const proches = situees.filter((x) => x.proche && x.places !== "complet").sort(comparer(c));
  const retenues = proches.slice(0, n);
  const sansPlace = !proches.some((x) => x.places === "libre");
  let alternatives = [];
  if (sansPlace) {
    const gardees = new Set(retenues);
    const autres = situees.filter((x) => !gardees.has(x));
    const rang = (x) => (x.places === "libre" ? 0 : x.places === "complet" ? 2 : 1);
    autres.sort((a, b) => rang(a) - rang(b) || (a.km ?? 1e9) - (b.km ?? 1e9) || a.o.nom.localeCompare(b.o.nom, "fr"));
    alternatives = autres.slice(0, Math.max(1, n - retenues.length)).map((x) => ({ ...x, raison: x.places === "complet" ? "complet" : !x.proche ? "loin" : "autre" }));
  }
  return { offres: retenues, sansPlace, alternatives, eligibles: situees.length };
}
