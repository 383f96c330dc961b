// territoires.js: the communes the search page's commune box suggests, and the one a postal code + Enter picks.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { communeDeLigne, suggererCommunes } from "../../site_templates/static/territoires.js";
import { cas } from "./cas.js";

describe("postal code + Enter: the main commune of the code (tests/js/cas/codes-postaux.json)", () => {
  for (const c of cas("codes-postaux")) {
    it(`${c.code_postal} → ${c.attendu} (${c.note})`, () => {
      const [premiere] = suggererCommunes(c.code_postal, c.communes.map(communeDeLigne));
      assert.equal(premiere.c.code, c.attendu);
      assert.equal(premiere.cp, c.code_postal);
    });
  }
});

describe("suggestions", () => {
  const liste = [
    ["91174", "Corbeil-Essonnes", "91100", "91", "", null, null, "91100"],
    ["91659", "Villabé", "91100", "91", "", null, null, ""],
    ["91100", "Bouville", "91880", "91", "", null, null, "91880"],
    ["91228", "Évry-Courcouronnes", "91000 91080", "91", "", null, null, "91000 91080"],
    ["91521", "Ris-Orangis", "91130", "91", "", null, null, "91130"],
  ].map(communeDeLigne);
  const codes = (q) => suggererCommunes(q, liste).map((x) => x.c.code);

  it("digits match postal codes only, by code then main commune first, never an INSEE code", () => {
    assert.deepEqual(codes("911"), ["91174", "91659", "91521"]);
    assert.deepEqual(codes("91100"), ["91174", "91659"]);
  });
  it("shows the postal code that matched", () => {
    assert.deepEqual(suggererCommunes("9108", liste).map((x) => x.cp), ["91080"]);
  });
  it("letters match names, accents and hyphens ignored: start of the name, then of a word, then inside", () => {
    assert.deepEqual(codes("evry"), ["91228"]);
    assert.deepEqual(codes("courcouronnes"), ["91228"]);
    assert.deepEqual(codes("ville"), ["91100"]);
  });
  it("gives at most `max`", () => assert.equal(suggererCommunes("91", liste, 2).length, 2));
});
