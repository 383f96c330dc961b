/* A search that forgives, around Pagefind (which needs every word and knows no typo, see its issue #2):
   - each word of the query is searched on its own and the results merged, ranked by how many words they
     match (offers with every word first): « permis de conduire » finds the offers that only say « permis » ;
   - a word the catalogue does not hold is corrected to the closest word it holds (the vocabulary written
     at build time by generator/site/search/vocabulaire.py): « mobilté » → « mobilité » ;
   - everyday words are expanded with the synonyms of synonymes.yml (same file): « nounou » also searches
     « assistante maternelle » and « garde d'enfants ».
   Pure functions, except `rechercher` (given Pagefind) and the downloads; tested by
   tests/js/recherche-tolerance.test.js and in Chromium by tests/site/test_recherche_tolerante.py. */
import { el, normaliser, retenir, t, tn, url } from "./lib.js";

/* Words that carry no meaning of their own in a query: not searched alone (Pagefind would find them in
   every offer), nor corrected. */
export const MOTS_VIDES = new Set([
  "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les",
  "ma", "mon", "mes", "ou", "par", "pour", "qui", "sa", "se", "son", "ses", "sur", "un", "une", "y",
]);

/* Typos forgiven: none under 4 letters (too many neighbours), one from 4, two from 8. */
export function tolerance(mot) {
  return mot.length < 4 ? 0 : mot.length < 8 ? 1 : 2;
}

/* Edit distance between `a` and `b` (insertion, deletion, substitution, swap of two neighbours), or
   `max + 1` as soon as it is known to be over `max`. */
export function distance(a, b, max = Infinity) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let avant = null;
  let prec = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const ligne = [i];
    let mini = i;
    for (let j = 1; j <= b.length; j++) {
      const cout = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prec[j] + 1, ligne[j - 1] + 1, prec[j - 1] + cout);
      if (avant && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, avant[j - 2] + 1);
      ligne.push(d);
      if (d < mini) mini = d;
    }
    if (mini > max) return max + 1;
    avant = prec;
    prec = ligne;
  }
  return prec[b.length];
}

/* The vocabulary file ({mots: [forms, most frequent first], synonymes: {expression: [expressions]}}) ready
   for look-ups: each normalised word with its displayed form and rank, sorted for prefix search, and the
   synonyms by normalised expression. */
export function preparer(donnees) {
  const formes = new Map();
  for (const forme of (donnees && donnees.mots) || []) {
    const n = normaliser(forme);
    if (n && !n.includes(" ") && !formes.has(n)) formes.set(n, forme);
  }
  const synonymes = new Map();
  for (const [cle, valeurs] of Object.entries((donnees && donnees.synonymes) || {})) {
    const n = normaliser(cle);
    if (n && Array.isArray(valeurs)) synonymes.set(n, [...(synonymes.get(n) || []), ...valeurs.map(normaliser).filter(Boolean)]);
  }
  return { formes, tries: [...formes.keys()].sort(), rangs: new Map([...formes.keys()].map((m, i) => [m, i])), synonymes };
}

/* Does the catalogue hold `mot`, or a word that starts with it (Pagefind matches prefixes), or its singular? */
export function connu(mot, voc) {
  if (voc.formes.has(mot)) return true;
  let bas = 0, haut = voc.tries.length;
  while (bas < haut) {
    const milieu = (bas + haut) >> 1;
    if (voc.tries[milieu] < mot) bas = milieu + 1;
    else haut = milieu;
  }
  if (bas < voc.tries.length && voc.tries[bas].startsWith(mot)) return true;
  return /[sx]$/.test(mot) && mot.length > 3 && voc.formes.has(mot.slice(0, -1));
}

/* The word of the vocabulary closest to `mot` (normalised), as displayed (« mobilité »), or null when `mot`
   is known, too short, or has no close word. Ties go to the more frequent word. */
export function corriger(mot, voc) {
  const max = tolerance(mot);
  if (!max || connu(mot, voc) || /\d/.test(mot)) return null;
  let meilleur = null, dMeilleure = max + 1, rMeilleur = Infinity;
  for (const [candidat, rang] of voc.rangs) {
    if (Math.abs(candidat.length - mot.length) > max) continue;
    const d = distance(mot, candidat, Math.min(max, dMeilleure));
    if (d < dMeilleure || (d === dMeilleure && d <= max && rang < rMeilleur)) {
      meilleur = candidat; dMeilleure = d; rMeilleur = rang;
    }
  }
  return meilleur && dMeilleure <= max ? voc.formes.get(meilleur) : null;
}

function sansMotsVides(mots) {
  const pleins = mots.filter((m) => !MOTS_VIDES.has(m));
  return pleins.length ? pleins : mots;
}

/* A query cut into groups, one per thing looked for: a word, or an expression of synonymes.yml (« garde
   d'enfants »), each with its alternatives (lists of words, all needed: a Pagefind search each).
   `corriger` false keeps the words as typed (the « search instead for … » link); `seulement`, a Set of
   normalised words, corrects only those.
   → { groupes: [{ texte, alternatives: [[mot…]…] }], corrections: [[typé, forme]…], corrigee: query as corrected } */
export function analyser(requete, voc, { corriger: corrige = true, seulement = null } = {}) {
  const mots = normaliser(requete).split(" ").filter(Boolean);
  const groupes = [], corrections = [], affiches = [];
  let plus = 0;
  for (const m of voc.synonymes.keys()) plus = Math.max(plus, m.split(" ").length);
  for (let i = 0; i < mots.length;) {
    let pris = 0;
    for (let n = Math.min(plus, mots.length - i); n > 0 && !pris; n--) {
      const expression = mots.slice(i, i + n).join(" ");
      const singulier = n === 1 && /[sx]$/.test(expression) ? expression.slice(0, -1) : null;
      const cle = voc.synonymes.has(expression) ? expression : singulier && voc.synonymes.has(singulier) ? singulier : null;
      if (cle) {
        const alternatives = [expression, ...voc.synonymes.get(cle)].map((e) => sansMotsVides(e.split(" ")));
        groupes.push({ texte: expression, alternatives });
        affiches.push(...mots.slice(i, i + n));
        pris = n;
      }
    }
    if (pris) { i += pris; continue; }
    const mot = mots[i++];
    affiches.push(mot);
    if (MOTS_VIDES.has(mot)) continue;
    const forme = corrige && (!seulement || seulement.has(mot)) ? corriger(mot, voc) : null;
    if (forme) {
      corrections.push([mot, forme]);
      affiches[affiches.length - 1] = forme;
      const n = normaliser(forme);
      const synonymes = voc.synonymes.get(n) || [];
      groupes.push({ texte: n, alternatives: [[n], ...synonymes.map((e) => sansMotsVides(e.split(" ")))] });
    } else {
      groupes.push({ texte: mot, alternatives: [[mot]] });
    }
  }
  if (!groupes.length && mots.length) groupes.push({ texte: mots.join(" "), alternatives: [mots] });
  return { groupes, corrections, corrigee: corrections.length ? affiches.join(" ") : null };
}

/* The results of every group's searches merged: `listes[g][a]` holds the results ({id, score}) of the
   alternative a of group g. An offer counts once per group (its best score there); offers matching more
   groups come first (every group: the offers with all the words), then by total score, then in the order
   they were first met. `ensemble`: the results of Pagefind's search for all the words at once, which
   ranks the offers holding them all better than a sum of scores (words close together, in the title):
   they come first, in its order. → [{ r, n, score }] */
export function fusionner(listes, ensemble = []) {
  const tete = new Map(ensemble.map((r, i) => [r.id, i]));
  const parId = new Map();
  let ordre = 0;
  listes.forEach((alternatives, g) => {
    for (const resultats of alternatives) {
      for (const r of resultats) {
        let e = parId.get(r.id);
        if (!e) parId.set(r.id, (e = { r, groupes: new Map(), ordre: ordre++ }));
        e.groupes.set(g, Math.max(e.groupes.get(g) ?? -Infinity, r.score ?? 0));
      }
    }
  });
  return [...parId.values()]
    .map((e) => ({ r: e.r, n: e.groupes.size, score: [...e.groupes.values()].reduce((s, x) => s + x, 0), ordre: e.ordre }))
    .map((e) => (tete.has(e.r.id) ? { ...e, n: listes.length, tete: tete.get(e.r.id) } : { ...e, tete: Infinity }))
    .sort((a, b) => b.n - a.n || a.tete - b.tete || b.score - a.score || a.ordre - b.ordre)
    .map(({ r, n, score }) => ({ r, n, score }));
}

/* The query whose correction the visitor refused (« Rechercher plutôt « mobilté » »): searched as typed. */
let refusee = null;

/* The search with `pagefind`: one Pagefind search per alternative of each group (with the same filters),
   merged. `voc`: the synonyms (preparer({synonymes})). Only when a word finds nothing is the vocabulary
   downloaded (`complet()`, the synonyms and the words of the catalogue): the word is corrected and the
   query searched again (Pagefind keeps the chunks it loaded). `corriger` false: nothing is corrected.
   → { results: [Pagefind results], tous: how many match every group, analyse } */
export async function rechercher(pagefind, requete, filters, voc, { corriger: corrige = requete !== refusee, complet = vocabulaire } = {}) {
  const chercher = async (mots) => (await pagefind.search(mots.join(" "), { filters })).results;
  const tout = (a) => Promise.all(a.groupes.map((g) => Promise.all(g.alternatives.map(chercher))));
  let analyse = analyser(requete, voc, { corriger: false });
  let listes = await tout(analyse);
  const vides = new Set(analyse.groupes.filter((g, i) => g.alternatives.length === 1 && listes[i][0].length === 0 && tolerance(g.texte)).map((g) => g.texte));
  if (corrige && vides.size) {
    const corrigee = analyser(requete, await complet(), { seulement: vides });
    if (corrigee.corrections.length) {
      analyse = corrigee;
      listes = await tout(analyse);
    }
  }
  // The query as typed (or corrected) at once, as Pagefind alone would search it: the offers with every
  // word keep its ranking. Its chunks are those of the searches of each word.
  const fusion = fusionner(listes, analyse.groupes.length > 1 ? await chercher([analyse.corrigee || requete]) : []);
  return { results: fusion.map((f) => f.r), tous: fusion.filter((f) => f.n === analyse.groupes.length).length, analyse };
}

/* The synonyms, then the whole vocabulary of the catalogue, each downloaded once (see
   generator/site/search/vocabulaire.py). Without them, the search goes on without synonyms or corrections. */
const telecharges = new Map();
function json(nom) {
  return retenir(telecharges, nom, async () => {
    const reponse = await fetch(url(nom));
    if (!reponse.ok) throw new Error(`${nom} : ${reponse.status}`);
    return reponse.json();
  }).catch(() => ({}));
}
export async function synonymes() {
  return preparer(await json("synonymes"));
}
export async function vocabulaire() {
  const [s, v] = await Promise.all([json("synonymes"), json("vocabulaire")]);
  return preparer({ ...s, ...v });
}

/* Under the number of results: the corrected query, with a button back to the query as typed, and how
   many offers hold every word when the others hold only some. `relancer` searches again. */
export function avis(statut, requete, recherche, relancer) {
  let p = document.getElementById("recherche-avis");
  const { analyse, tous, results } = recherche || {};
  const lignes = [];
  if (analyse && analyse.corrigee) {
    const bouton = el("button", { type: "button", class: "cat-recherche-avis__litteral" }, t("Rechercher plutôt « {q} »", { q: requete }));
    bouton.addEventListener("click", () => { refusee = requete; relancer(); });
    lignes.push(el("span", {}, t("Résultats pour « {q} »", { q: analyse.corrigee }), " "), bouton);
  }
  if (analyse && analyse.groupes.length > 1 && results.length > tous) {
    if (lignes.length) lignes.push(el("br"));
    lignes.push(tous
      ? tn("{n} offre contient tous les mots, en tête ; les suivantes en contiennent une partie.", "{n} offres contiennent tous les mots, en tête ; les suivantes en contiennent une partie.", tous)
      : t("Aucune offre ne contient tous les mots : voici celles qui en contiennent une partie."));
  }
  if (!lignes.length) { if (p) p.remove(); return; }
  if (!p) {
    p = el("p", { id: "recherche-avis", class: "cat-alerte" });
    statut.after(p);
  }
  p.replaceChildren(...lignes);
}
