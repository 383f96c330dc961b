// recherche-geo.js: the order in which the map page fetches its geo/ files, and the communes of a card listed
// from them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { lieuxDe, ordreDesFichiers } from "../../site_templates/static/recherche-geo.js";

const cas = JSON.parse(readFileSync(new URL("./cas/lieux.json", import.meta.url), "utf-8")).cas;

describe("ordreDesFichiers", () => {
  it("fetches the catalogue's départements first, the busiest first, then the others, offers without a place last", () => {
    const m = {
      communes: { 91: "communes-91.json", 77: "communes-77.json", autres: "communes-autres.json" },
      offres: {
        69: ["offres-69.json"], 75: ["offres-75-1.json", "offres-75-2.json"], 77: ["offres-77.json"],
        91: ["offres-91-1.json", "offres-91-2.json"], autres: ["offres-autres.json"], 13: ["offres-13.json"],
      },
    };
    const liste = ordreDesFichiers(m);
    assert.deepEqual(liste.map((f) => f.nom), [
      "offres-91-1.json", "offres-91-2.json", "offres-77.json",
      "offres-75-1.json", "offres-75-2.json", "offres-13.json", "offres-69.json", "offres-autres.json",
    ]);
    assert.deepEqual(liste.map((f) => f.territoire), [true, true, true, false, false, false, false, false]);
    assert.deepEqual(liste.filter((f) => f.dernier).map((f) => f.nom), ["offres-77.json"]); // the map is fitted then
  });
  it("reads the search page's files the same way, and a catalogue without a place of its own", () => {
    const m = { communes: { 91: "communes-91.json" }, offres: {}, points: { 69: ["points-69.json"], autres: ["points-autres.json"] } };
    const liste = ordreDesFichiers(m, "points");
    assert.deepEqual(liste.map((f) => f.nom), ["points-69.json", "points-autres.json"]);
    assert.ok(liste.every((f) => !f.territoire && !f.dernier));
    assert.deepEqual(ordreDesFichiers(m), []);
  });
});

describe("lieuxDe (tests/js/cas/lieux.json, shared with Python)", () => {
  for (const c of cas) {
    it(`${JSON.stringify(c.communes)} → « ${c.lieux} »`, () => {
      const g = { lieux: c.communes.map((commune) => ({ lat: 48.6, lon: 2.4, commune })) };
      assert.equal(lieuxDe(g), c.lieux);
    });
  }
});
