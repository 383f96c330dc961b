/* The geo/ data of the search and map pages: the manifest, the offers' shards (positions and hours, and
   for the map names and communes) and the communes of residence, each file downloaded when first needed.
   Every download is kept once it has succeeded; a failed one is forgotten, and the next search tries
   again (see retenir in lib.js). */
import { retenir, url } from "./lib.js";
import { communeDeLigne, departementDe } from "./territoires.js";

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

/* The geo entries of département `dep` (or "autres": offers without a place), put in geo.offres: the only
   reader of the offers' geo/ files. `fichiers`: "offres" (the map needs names and communes) or "points"
   (the search page: positions and hours only), see generator/site/search/index.py. The manifest lists
   each département's files: one, or several parts for a département too dense for one file of 1 MB. */
export function shard(dep, fichiers) {
  return retenir(telecharges, "shard:" + dep, async () => {
    const m = await manifest();
    await Promise.all((m[fichiers][dep] || []).map(async (name) => {
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
    }));
  });
}

export async function tousLesShards(fichiers) {
  const m = await manifest();
  await Promise.all(Object.keys(m.offres).map((dep) => shard(dep, fichiers)));
}

function fichierCommunes(name) {
  return retenir(telecharges, name, async () => {
    const rows = await json(name);
    for (const row of rows) {
      if (geo.communes.has(row[0])) continue;
      const c = communeDeLigne(row);
      geo.communes.set(c.code, c);
      geo.liste.push(c);
    }
  });
}

/* Every commune the visitor can choose: for the suggestions. */
export async function toutesLesCommunes() {
  const m = await manifest();
  await Promise.all(Object.values(m.communes).map(fichierCommunes));
}

/* The communes of every département where a postal code starting with `chiffres` (two digits or more) is
   found: France's, not only the territory's. */
export async function communesDuCodePostal(chiffres) {
  const m = await manifest();
  const deps = (m.codes_postaux || {})[chiffres.slice(0, 2)] || [];
  await Promise.all(deps.map((d) => m.communes[d] || m.france[d]).filter(Boolean).map(fichierCommunes));
}

/* One commune, read from its département's file only: a shared link needs no other. */
export async function commune(code) {
  if (!/^[0-9AB]{5}$/.test(code)) return null;
  const m = await manifest();
  const dep = departementDe(code);
  for (const name of [m.communes[dep] || (m.france || {})[dep], m.communes.autres]) {
    if (!geo.communes.has(code) && name) await fichierCommunes(name);
  }
  return geo.communes.get(code) || null;
}
