/* The groups of markers of the map page (recherche-carte.js), as pure functions: node --test imports them.

   60,000 places given to one clustering index at once would freeze the page for half a second or more.
   The places are cut into squares of CASE degrees (about a département; a dense one cut again so that no
   index holds more than PAR_INDEX places), one Supercluster index per square, each built in a few
   milliseconds; `construire` builds them in slices of at most `budget` ms,
   the page drawing its first groups after the first slice. Near the edge of a square, groups of two
   squares may be close: `groupes` merges those closer than the clustering radius, so that no edge shows. */

export const CASE = 2; // degrees of latitude and longitude
export const RAYON = 60; // px: Supercluster's radius, also the distance under which groups of two squares merge
export const ZOOM_MAX = 16; // above it, every place is shown on its own

export const PAR_INDEX = 2000; // places at most per index (a dense square is cut in four, again if needed)

/* The places of the results (res[r].g.lieux[l]) as GeoJSON points ({ r, l } in their properties, r counted
   from `premier`: the results added to a map that holds `premier` already), one list per square of `taille`
   degrees, a square of more than `max` places cut in four (recursively), the most populated first. */
export function pointsParCase(res, taille = CASE, max = PAR_INDEX, premier = 0) {
  const points = [];
  res.forEach((item, i) => {
    if (!item.g) return;
    const r = premier + i;
    item.g.lieux.forEach((lieu, l) => {
      if (lieu.lat == null || lieu.lon == null) return;
      points.push({ type: "Feature", geometry: { type: "Point", coordinates: [lieu.lon, lieu.lat] }, properties: { r, l } });
    });
  });
  return couper(points, taille, max).sort((a, b) => b.length - a.length);
}

/* The bounds [[south, west], [north, east]] of the points of `cases`, grown from `cadre` (null: none yet);
   null when there is no point at all. */
export function emprise(cases, cadre = null) {
  let [[sud, ouest], [nord, est]] = cadre || [[90, 180], [-90, -180]];
  for (const c of cases) for (const p of c) {
    const [lon, lat] = p.geometry.coordinates;
    ouest = Math.min(ouest, lon); est = Math.max(est, lon); sud = Math.min(sud, lat); nord = Math.max(nord, lat);
  }
  return sud > nord ? null : [[sud, ouest], [nord, est]];
}

function couper(points, taille, max) {
  const cases = new Map();
  for (const p of points) {
    const [lon, lat] = p.geometry.coordinates;
    const cle = Math.floor(lat / taille) + ":" + Math.floor(lon / taille);
    let liste = cases.get(cle);
    if (!liste) cases.set(cle, (liste = []));
    liste.push(p);
  }
  const out = [];
  for (const liste of cases.values()) {
    if (liste.length > max && taille > 0.01) out.push(...couper(liste, taille / 2, max));
    else out.push(liste);
  }
  return out;
}

/* One Supercluster index per square (the constructor is given: window.Supercluster in the page). Between two
   slices of `budget` ms, `pause()` gives the page back (a timer in the page) and `apres(indexes)` is told
   what is built so far. `arreter()` true stops the work (a newer search). */
export async function construire(Supercluster, cases, { budget = 40, maintenant = () => Date.now(), pause, apres, arreter = () => false } = {}) {
  const indexes = [];
  let debut = maintenant();
  for (const points of cases) {
    if (arreter()) return indexes;
    indexes.push(new Supercluster({ radius: RAYON, extent: 256, maxZoom: ZOOM_MAX }).load(points)); // Leaflet's tiles: 256 px
    if (maintenant() - debut > budget) {
      if (apres) apres(indexes);
      if (pause) await pause();
      debut = maintenant();
    }
  }
  if (apres && !arreter()) apres(indexes);
  return indexes;
}

/* Web Mercator pixel coordinates of a position at `zoom` (tiles of 256 px). */
export function pixel(lat, lon, zoom) {
  const echelle = 256 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * echelle, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * echelle];
}

/* What the map shows in `bbox` ([west, south, east, north]) at `zoom`: a list of
   { lat, lon, n, point, index, id } — `point` the GeoJSON point of a place shown alone, otherwise `n` places
   in a group; `index` and `id` the Supercluster group when it comes from a single square (its expansion zoom
   is then known). Groups of different squares closer than `rayon` pixels are merged. */
export function groupes(indexes, bbox, zoom, rayon = RAYON) {
  const z = Math.max(0, Math.min(Math.floor(zoom), ZOOM_MAX + 1));
  const tous = [];
  for (const index of indexes) {
    for (const f of index.getClusters(bbox, z)) {
      const [lon, lat] = f.geometry.coordinates;
      const n = f.properties.cluster ? f.properties.point_count : 1;
      tous.push({ lat, lon, n, point: f.properties.cluster ? null : f, index, id: f.properties.cluster ? f.properties.cluster_id : null });
    }
  }
  if (z > ZOOM_MAX || indexes.length < 2) return tous;
  tous.sort((a, b) => b.n - a.n);
  const gardes = [];
  for (const g of tous) {
    const [x, y] = pixel(g.lat, g.lon, z);
    const proche = gardes.find((k) => k.index !== g.index && Math.hypot(k.x - x, k.y - y) < rayon && !k.pris.has(g.index));
    if (!proche) {
      gardes.push({ ...g, x, y, pris: new Set([g.index]) });
      continue;
    }
    // Merged: the weighted centre, the sum of places; no single index knows its expansion zoom any more.
    const n = proche.n + g.n;
    proche.lat = (proche.lat * proche.n + g.lat * g.n) / n;
    proche.lon = (proche.lon * proche.n + g.lon * g.n) / n;
    proche.n = n;
    proche.point = null;
    proche.id = null;
    proche.pris.add(g.index);
  }
  return gardes.map(({ lat, lon, n, point, index, id }) => ({ lat, lon, n, point, index, id }));
}

/* The zoom a click on group `g` leads to: Supercluster's expansion zoom for a group of one square,
   two levels closer for a merged one. */
export function zoomDe(g, zoom, zoomMax) {
  const z = g.id !== null && g.index ? g.index.getClusterExpansionZoom(g.id) : zoom + 2;
  return Math.min(Math.max(z, zoom + 1), zoomMax);
}
