// communes.js: a commune's name checked against its INSEE code, and communes found by name or postal code.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { communeCorrespond, trouverCommune } from "../../site_templates/static/communes.js";
import { cas } from "./cas.js";

describe("communeCorrespond (tests/js/cas/communes.json)", () => {
  for (const c of cas("communes")) {
    it(`« ${c.saisi} » pour « ${c.officiel} » : ${c.attendu ? "accepté" : "refusé"}`, () => {
      assert.equal(communeCorrespond(c.saisi, c.officiel), c.attendu);
    });
  }
});

describe("trouverCommune", () => {
  const communes = { 91228: "Évry-Courcouronnes", 91377: "Massy", 91552: "Saint-Germain-lès-Arpajon", 91021: "Arpajon", 91174: "Corbeil-Essonnes" };
  const cps = { 91000: [["91228", "Évry-Courcouronnes"]], 91290: [["91021", "Arpajon"], ["91552", "Saint-Germain-lès-Arpajon"]] };
  it("keeps an INSEE code", () => assert.deepEqual(trouverCommune("91228", communes, cps), { codes: ["91228"] }));
  it("turns a postal code into the communes that have it", () => {
    assert.deepEqual(trouverCommune("91000", communes, cps), { codes: ["91228"] });
    assert.deepEqual(trouverCommune("91290", communes, cps), { codes: ["91021", "91552"] });
  });
  it("finds a name whatever its spelling", () => {
    assert.deepEqual(trouverCommune("st germain les arpajon", communes, cps), { codes: ["91552"] });
    assert.deepEqual(trouverCommune("EVRY COURCOURONNES", communes, cps), { codes: ["91228"] });
  });
  it("says why and suggests", () => {
    assert.match(trouverCommune("Evry", communes, cps).erreur, /Commune inconnue « Evry ».*« Évry-Courcouronnes »/);
    assert.match(trouverCommune("99999", communes, cps).erreur, /ni un code INSEE ni un code postal/);
  });
});

describe("trouverCommune: a code both INSEE and postal", () => {
  it("asks for the name instead of guessing (the same rule as generator/contribute/reponses.py)", () => {
    const r = trouverCommune("91100", { 91100: "Bouville", 91174: "Corbeil-Essonnes" }, { 91100: [["91174", "Corbeil-Essonnes"]] });
    assert.match(r.erreur, /code INSEE de Bouville et le code postal de Corbeil-Essonnes : écrire le nom de la commune/);
  });
});
