// territoires.js: which offers a person living in a commune may use, and how far they are.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { codesEligibles, couvre, departementDe, distanceKm, filtreEligibilite } from "../../site_templates/static/territoires.js";
import { cas } from "./cas.js";

// A commune as the search page reads it from geo/communes-*.json.
const commune = (c) => ({ code: c.code, nom: c.nom, dep: c.departement, epci: c.epci });

// Pagefind's reading of a filter (compound « any », then per filter name « any » of values) over an offer's filters.
function retenue(filtre, offre) {
  return Object.entries(filtre).every(([cle, valeur]) => cle === "any"
    ? valeur.some((f) => retenue(f, offre))
    : valeur.any.some((v) => (offre[cle] || []).includes(v)));
}

describe("eligibility (tests/js/cas/eligibilite.json)", () => {
  for (const c of cas("eligibilite")) {
    it(`${c.note} : ${c.eligible ? "éligible" : "non éligible"}`, () => {
      assert.equal(couvre(c.codes, commune(c.commune)), c.eligible);
      assert.equal(retenue(filtreEligibilite(commune(c.commune)), c.filtres), c.eligible);
    });
  }
  it("asks the index for france, the commune, its département and its EPCI", () => {
    assert.deepEqual(codesEligibles({ code: "91174", dep: "91", epci: "200059228" }), ["france", "91174", "91", "200059228"]);
    assert.deepEqual(codesEligibles({ code: "29083", dep: "29", epci: null }), ["france", "29083", "29"]);
  });
});

describe("département of an INSEE code", () => {
  for (const c of cas("eligibilite")) {
    it(`${c.commune.code} → ${c.commune.departement}`, () => assert.equal(departementDe(c.commune.code), c.commune.departement));
  }
  it("reads Corsica and every overseas code", () => {
    assert.equal(departementDe("2B033"), "2B");
    assert.equal(departementDe("97801"), "978");
    assert.equal(departementDe("98411"), "984");
    assert.equal(departementDe("98811"), "988");
  });
});

describe("distanceKm", () => {
  it("measures along the Earth", () => {
    const evry = { lat: 48.6238, lon: 2.4296 }, corbeil = { lat: 48.6139, lon: 2.4821 };
    assert.equal(distanceKm(evry, evry), 0);
    assert.ok(Math.abs(distanceKm(evry, corbeil) - 4.0) < 0.2);
    assert.ok(Math.abs(distanceKm({ lat: 48.8566, lon: 2.3522 }, { lat: 41.9192, lon: 8.7386 }) - 926) < 10); // Paris–Ajaccio
  });
});
