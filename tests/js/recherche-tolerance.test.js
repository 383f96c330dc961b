// recherche-tolerance.js: typos, synonyms and queries whose words are not all in one offer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  analyser, connu, corriger, distance, fusionner, preparer, rechercher,
} from "../../site_templates/static/recherche-tolerance.js";

const voc = preparer({
  mots: ["mobilité", "permis", "conduire", "surendettement", "crèche", "Corbeil", "gratuit", "mobile", "assistante", "maternelle", "enfants", "garde"],
  synonymes: { nounou: ["assistante maternelle", "garde d'enfants"], psy: ["psychologue"], "garde d'enfants": ["crèche"] },
});

describe("distance", () => {
  it("counts insertions, deletions, substitutions and swaps", () => {
    assert.equal(distance("mobilte", "mobilite"), 1);
    assert.equal(distance("surendetement", "surendettement"), 1);
    assert.equal(distance("permsi", "permis"), 1);
    assert.equal(distance("chat", "chien"), 3);
    assert.equal(distance("", "abc"), 3);
  });
  it("stops past its bound", () => assert.equal(distance("abcdefgh", "zzzzzzzz", 2), 3));
});

describe("corriger", () => {
  it("corrects a typo to the catalogue's word, as displayed", () => {
    assert.equal(corriger("mobilte", voc), "mobilité");
    assert.equal(corriger("surendetement", voc), "surendettement");
    assert.equal(corriger("corbiel", voc), "Corbeil");
  });
  it("leaves known words, their beginnings and their plurals", () => {
    assert.equal(corriger("mobilite", voc), null);
    assert.equal(corriger("mobil", voc), null);
    assert.equal(corriger("creches", voc), null);
    assert.ok(connu("perm", voc));
  });
  it("does not correct short words, numbers or words far from every other", () => {
    assert.equal(corriger("abc", voc), null);
    assert.equal(corriger("91100", voc), null);
    assert.equal(corriger("informatique", voc), null);
  });
  it("prefers the more frequent word on a tie", () => {
    const v = preparer({ mots: ["mobile", "mobilo"] });
    assert.equal(corriger("mobila", v), "mobile");
  });
  it("works without vocabulary", () => assert.equal(corriger("mobilte", preparer(null)), null));
});

describe("analyser", () => {
  it("drops empty words and searches each other word alone", () => {
    const a = analyser("permis de conduire", voc);
    assert.deepEqual(a.groupes.map((g) => g.alternatives), [[["permis"]], [["conduire"]]]);
    assert.equal(a.corrigee, null);
  });
  it("says the corrected query", () => {
    const a = analyser("Mobilté gratuit", voc);
    assert.deepEqual(a.corrections, [["mobilte", "mobilité"]]);
    assert.equal(a.corrigee, "mobilité gratuit");
    assert.deepEqual(a.groupes[0].alternatives, [["mobilite"]]);
  });
  it("keeps the words as typed when asked", () => {
    const a = analyser("mobilté", voc, { corriger: false });
    assert.deepEqual(a.corrections, []);
    assert.deepEqual(a.groupes[0].alternatives, [["mobilte"]]);
  });
  it("expands synonyms, expressions of several words included", () => {
    assert.deepEqual(analyser("nounou", voc).groupes[0].alternatives, [["nounou"], ["assistante", "maternelle"], ["garde", "enfants"]]);
    assert.deepEqual(analyser("Nounous", voc).groupes[0].alternatives[1], ["assistante", "maternelle"]);
    const g = analyser("garde d'enfants Corbeil", voc).groupes;
    assert.deepEqual(g.map((x) => x.texte), ["garde d enfants", "corbeil"]);
    assert.deepEqual(g[0].alternatives, [["garde", "enfants"], ["creche"]]);
  });
  it("keeps a query of empty words whole", () => {
    assert.deepEqual(analyser("de la", voc).groupes[0].alternatives, [["de", "la"]]);
  });
});

describe("fusionner", () => {
  it("ranks offers by the number of groups they match, then by score", () => {
    const r = fusionner([
      [[{ id: "a", score: 1 }, { id: "b", score: 5 }]],
      [[{ id: "a", score: 1 }], [{ id: "c", score: 9 }]],
    ]);
    assert.deepEqual(r.map((x) => [x.r.id, x.n]), [["a", 2], ["c", 1], ["b", 1]]);
  });
  it("puts first, in Pagefind's order, the offers its search for all the words found", () => {
    const listes = [[[{ id: "a", score: 1 }, { id: "b", score: 1 }]], [[{ id: "a", score: 5 }, { id: "b", score: 1 }, { id: "c", score: 9 }]]];
    assert.deepEqual(fusionner(listes, [{ id: "b" }, { id: "a" }]).map((x) => x.r.id), ["b", "a", "c"]);
  });
  it("counts an offer once per group", () => {
    const r = fusionner([[[{ id: "a", score: 1 }], [{ id: "a", score: 3 }]]]);
    assert.deepEqual(r.map((x) => [x.r.id, x.n, x.score]), [["a", 1, 3]]);
  });
});

describe("rechercher", () => {
  const index = { permis: ["p1", "p2", "p3"], conduire: ["p1"], "permis de conduire": ["p1"], mobilite: ["m1", "m2"], gratuit: ["m2", "g"], "mobilité gratuit": ["m2"] };
  function faux() {
    const demandes = [];
    return {
      demandes,
      search: async (q, options) => {
        demandes.push([q, options.filters]);
        return { results: (index[q] || []).map((id) => ({ id, score: 1 })) };
      },
    };
  }
  const synonymesSeuls = preparer({ synonymes: { nounou: ["assistante maternelle"] } });
  const interdit = () => assert.fail("vocabulaire téléchargé sans raison");

  it("asks Pagefind for each word, then all of them, with the filters, and merges", async () => {
    const pagefind = faux();
    const f = { type: { any: ["x"] } };
    const r = await rechercher(pagefind, "permis de conduire", f, synonymesSeuls, { complet: interdit });
    assert.deepEqual(r.results.map((x) => x.id), ["p1", "p2", "p3"]);
    assert.equal(r.tous, 1);
    assert.deepEqual(pagefind.demandes, [["permis", f], ["conduire", f], ["permis de conduire", f]]);
  });
  it("downloads the vocabulary only for a word that finds nothing, and searches the correction", async () => {
    const pagefind = faux();
    const r = await rechercher(pagefind, "mobilté gratuit", {}, synonymesSeuls, { complet: async () => voc });
    assert.equal(r.analyse.corrigee, "mobilité gratuit");
    assert.deepEqual(r.results.map((x) => x.id), ["m2", "m1", "g"]);
    assert.equal(r.tous, 1);
  });
  it("keeps the words as typed when the correction was refused", async () => {
    const r = await rechercher(faux(), "mobilté", {}, synonymesSeuls, { corriger: false, complet: interdit });
    assert.deepEqual(r.results, []);
    assert.equal(r.analyse.corrigee, null);
  });
});
