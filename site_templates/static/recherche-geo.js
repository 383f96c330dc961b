/* The geo/ data of the search and map pages: the manifest, the offers' shards (positions and hours, and
   for the map names and communes) and the communes of residence, each file downloaded when first needed.
   Every download is kept once it has succeeded; a failed one is forgotten, and the next search tries
   again (see retenir in lib.js). */
import { normaliser, retenir, url } from "./lib.js";
import { departementDe } from "./territoires.js";

const telecharges = new Map(); // the geo/ files downloaded (or being)

async function json(fichier) {
  const r = await fetch(url("geo", { fichier }));
  if (!r.ok) throw new Error(fichier + " : " + r.status);
  return r.json();
}

export const geo = { offres: new Map(), communes: new Map(), liste: [] };

function manifest() {
  return retenir(telecharges, "index.json", () => json("index.json"));
}

/* `fichiers`: "offres" (the map needs names and communes) or "points" (the search page: positions and
   hours only), see generator/site/search/index.py. */
export function shard(dep, fichiers) {
  return retenir(telecharges, "shard:" + dep, async () => {
    const m = await manifest();
    const name = m[fichiers][dep];
    if (!name) return;
    const data = await json(name);
    const heure = (si) => (si >= 0 ? data.horaires[si] : null);
    // The points files are the same entries, cut after the hours: id, nom and commune are then absent.
    for (const [h, s, lieux, id = null, nom = null] of data.offres) {
      if (geo.offres.has(h)) continue;
      geo.offres.set(h, {
        id, nom,
        lieux: lieux.map(([lat, lon, si, approx = 0, commune = null]) => ({ lat, lon, approx, commune, s: heure(si) })),
        s: heure(s),
      });
    }
  });
}

export async function tousLesShards(fichiers) {
  const m = await manifest();
  await Promise.all(Object.keys(m.offres).map((dep) => shard(dep, fichiers)));
}

function fichierCommunes(name) {
  return retenir(telecharges, name, async () => {
    const rows = await json(name);
    for (const [code, nom, cps, dep, epci, lat, lon] of rows) {
      if (geo.communes.has(code)) continue;
      const c = { code, nom, cps: cps ? cps.split(" ") : [], dep, epci, lat, lon, n: normaliser(nom) };
      geo.communes.set(code, c);
      geo.liste.push(c);
    }
  });
}

/* Every commune the visitor can choose: for the suggestions. */
export async function toutesLesCommunes() {
  const m = await manifest();
  await Promise.all(Object.values(m.communes).map(fichierCommunes));
}

/* One commune, read from its département's file only: a shared link needs no other. */
export async function commune(code) {
  const m = await manifest();
  for (const name of [m.communes[departementDe(code)], m.communes.autres]) {
    if (!geo.communes.has(code) && name) await fichierCommunes(name);
  }
  return geo.communes.get(code) || null;
}
