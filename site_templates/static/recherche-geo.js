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

export function manifest() {
  return retenir(telecharges, "index.json", () => json("index.json"));
}

/* The offers of one geo/ file put in geo.offres, the only reader of the offers' geo/ files: its promise gives
   the entries this file was the first to bring (an offer placed in two départements is in both files), so
   that a map fed file by file places each offer once. The points files are the same entries, cut after the
   hours: id, nom and commune are then absent. */
function fichierOffres(name) {
  return retenir(telecharges, name, async () => {
    const data = await json(name);
    const heure = (si) => (si >= 0 ? data.horaires[si] : null);
    const nouvelles = [];
    for (const [h, s, lieux, id = null, nom = null] of data.offres) {
      if (geo.offres.has(h)) continue;
      const g = { h, id, nom, lieux: lieux.map(([lat, lon, si, approx = 0, commune = null]) => ({ lat, lon, approx, commune, s: heure(si) })), s: heure(s) };
      geo.offres.set(h, g);
      nouvelles.push(g);
    }
    return nouvelles;
  });
}

/* An offer's search record (its meta: title, structure, places…) read from Pagefind's fragment file `h` (the
   result id a geo entry starts with) as Pagefind's result.data() reads it: gzip, then the « pagefind_dcd »
   signature before the JSON. The search page without any criterion lists its cards so, without a Pagefind
   search (docs/performance.md); tests/site/test_recherche_sans_critere.py ties it to Pagefind's format. */
export function fiche(h) {
  return retenir(telecharges, "fragment:" + h, async () => {
    const r = await fetch(new URL(`fragment/${h}.pf_fragment`, url("pagefind")));
    if (!r.ok) throw new Error(h + " : " + r.status);
    const texte = await new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).text();
    return JSON.parse(texte.startsWith("pagefind_dcd") ? texte.slice(12) : texte);
  });
}

/* The geo entries of département `dep` (or "autres": offers without a place). `fichiers`: "offres" (the map
   needs names and communes) or "points" (the search page: positions and hours only), see
   generator/site/search/index.py. The manifest lists each département's files: one, or several parts for a
   département too dense for one file of 1 MB. */
export function shard(dep, fichiers) {
  return retenir(telecharges, "shard:" + dep, async () => {
    const m = await manifest();
    await Promise.all((m[fichiers][dep] || []).map(fichierOffres));
  });
}

export async function tousLesShards(fichiers) {
  const m = await manifest();
  await Promise.all(Object.keys(m.offres).map((dep) => shard(dep, fichiers)));
}

/* The communes of an offer's geo entry as its search record gives them (generator/site/search/records.py,
   meta "lieux"; tests/js/cas/lieux.json ties both): each once, the first three, " …" when there are more. */
export function lieuxDe(g) {
  const communes = [...new Set(g.lieux.map((l) => l.commune).filter(Boolean))];
  return communes.slice(0, 3).join(", ") + (communes.length > 3 ? " …" : "");
}

/* The map's files in the order they are fetched: the catalogue's own départements (those whose communes the
   visitor picks from, `communes` in the manifest), then the others, each group the busiest (most files)
   first, "autres" (offers without a place) last; `dernier` marks the last file of the catalogue's own.
   Pure: node --test reads it. */
export function ordreDesFichiers(m, fichiers = "offres") {
  const chez = new Set(Object.keys(m.communes || {}).filter((d) => d !== "autres"));
  const deps = Object.keys(m[fichiers] || {}).filter((d) => d !== "autres");
  const rang = (d) => (chez.has(d) ? 0 : 1);
  deps.sort((a, b) => rang(a) - rang(b) || m[fichiers][b].length - m[fichiers][a].length || (a < b ? -1 : a > b ? 1 : 0));
  if (m[fichiers] && m[fichiers].autres) deps.push("autres");
  const liste = deps.flatMap((dep) => m[fichiers][dep].map((nom) => ({ dep, nom, territoire: chez.has(dep), dernier: false })));
  const chezNous = liste.filter((f) => f.territoire);
  if (chezNous.length) chezNous[chezNous.length - 1].dernier = true;
  return liste;
}

/* Every offer of the map, a file at a time in `ordreDesFichiers`' order, `parallele` downloads at once:
   `recu(offres, fichier, k)` is given the new entries of the k-th file of that order as soon as it and the
   files before it are read (awaited before the next), until `arreter()` is true. */
export async function offresParFichier(recu, { parallele = 3, arreter = () => false } = {}) {
  const liste = ordreDesFichiers(await manifest());
  const promesses = [];
  const lancer = () => {
    if (promesses.length >= liste.length || arreter()) return;
    const p = fichierOffres(liste[promesses.length].nom);
    promesses.push(p);
    p.then(lancer, () => {}); // a download done, the next one starts
  };
  for (let k = 0; k < parallele; k++) lancer();
  for (let k = 0; k < liste.length && !arreter(); k++) {
    const offres = await promesses[k];
    if (!arreter()) await recu(offres, liste[k], k);
  }
}

/* The geo/ files of one kind (`fichiers`: "offres" or "points") in `ordreDesFichiers`' order, read when asked:
   each call of the function it gives reads the next file and gives its new entries, null after the last. */
export async function fichierParFichier(fichiers = "offres") {
  const liste = ordreDesFichiers(await manifest(), fichiers);
  let k = 0;
  return async () => (k < liste.length ? fichierOffres(liste[k++].nom) : null);
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
