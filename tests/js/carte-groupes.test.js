// carte-groupes.js: the map page's places cut into squares, one Supercluster index each, built a slice at a
// time, and the groups of neighbouring squares merged so that the squares' edges never show.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import Supercluster from "../../node_modules/supercluster/index.js";
import { construire, emprise, groupes, pixel, pointsParCase, zoomDe } from "../../site_templates/static/carte-groupes.js";

const FRANCE = [-6, 41, 10, 52];
// A result as recherche.js gives it: the offer's geo entry, its places.
const offre = (...lieux) => ({ g: { id: "s/o", nom: "Offre", lieux: lieux.map(([lat, lon]) => ({ lat, lon, commune: "C" })) } });

async function index(res) {
  return construire(Supercluster, pointsParCase(res));
}

describe("pointsParCase", () => {
  it("keeps every located place once, in squares of 2 degrees, the fullest first, and knows its result and place", () => {
    const res = [offre([48.6, 2.4], [48.7, 2.5]), { g: null }, offre([45.7, 4.8], [null, null]), offre([48.9, 2.3])];
    const cases = pointsParCase(res);
    assert.deepEqual(cases.map((c) => c.length), [3, 1]);
    assert.deepEqual(cases[0].map((p) => p.properties), [{ r: 0, l: 0 }, { r: 0, l: 1 }, { r: 3, l: 0 }]);
    assert.deepEqual(cases[1][0].geometry.coordinates, [4.8, 45.7]);
  });

  it("cuts a dense square in four, again if needed, so that no index holds more than the maximum", () => {
    const res = [];
    for (let i = 0; i < 100; i++) res.push(offre([48.1 + (i % 10) * 0.15, 2.1 + Math.floor(i / 10) * 0.15]));
    const cases = pointsParCase(res, 2, 30);
    assert.ok(cases.every((c) => c.length <= 30));
    assert.equal(cases.reduce((s, c) => s + c.length, 0), 100);
    assert.ok(cases.length >= 4);
  });
});

describe("a map fed a file at a time", () => {
  it("numbers the places of a later file after the results the map holds already", () => {
    const cases = pointsParCase([offre([48.6, 2.4]), { g: null }, offre([48.7, 2.5])], 2, 2000, 5);
    assert.deepEqual(cases[0].map((p) => p.properties), [{ r: 5, l: 0 }, { r: 7, l: 0 }]);
  });
  it("groups two files' places at the same spot as one group of their sum", async () => {
    const premier = await index([offre([48.6, 2.4]), offre([48.6, 2.4])]);
    const second = await construire(Supercluster, pointsParCase([offre([48.6001, 2.4001])], 2, 2000, 2));
    const gs = groupes([...premier, ...second], FRANCE, 8);
    assert.deepEqual(gs.map((g) => g.n), [3]);
  });
  it("gives the bounds of the places, grown from those of the files before", () => {
    const cadre = emprise(pointsParCase([offre([48.6, 2.4], [48.9, 2.2])]));
    assert.deepEqual(cadre, [[48.6, 2.2], [48.9, 2.4]]);
    assert.deepEqual(emprise(pointsParCase([offre([45.7, 4.8])]), cadre), [[45.7, 2.2], [48.9, 4.8]]);
    assert.equal(emprise(pointsParCase([offre([null, null])])), null); // no place: nothing to fit
    assert.deepEqual(emprise([], cadre), cadre);
  });
});

describe("construire", () => {
  it("builds one index per square, gives the page back between slices and tells what is built", async () => {
    const res = [offre([48.6, 2.4]), offre([45.7, 4.8]), offre([43.3, 5.4])];
    let temps = 0, pauses = 0;
    const vus = [];
    const indexes = await construire(Supercluster, pointsParCase(res), {
      budget: 5, maintenant: () => (temps += 10), pause: async () => { pauses++; }, apres: (faits) => vus.push(faits.length),
    });
    assert.equal(indexes.length, 3);
    assert.equal(pauses, 3); // each index took « 10 ms », over the budget of 5
    assert.deepEqual(vus, [1, 2, 3, 3]);
  });
  it("stops when a newer search starts", async () => {
    const res = [offre([48.6, 2.4]), offre([45.7, 4.8])];
    const indexes = await construire(Supercluster, pointsParCase(res), { arreter: () => true });
    assert.equal(indexes.length, 0);
  });
});

describe("groupes", () => {
  it("counts every place at every zoom, and shows them alone when close enough", async () => {
    const res = [];
    for (let i = 0; i < 300; i++) res.push(offre([43 + (i % 30) * 0.3, -1 + Math.floor(i / 30) * 0.9]));
    const indexes = await index(res);
    assert.ok(indexes.length > 1);
    for (const zoom of [3, 5, 8, 12, 17]) {
      const gs = groupes(indexes, [-180, -85, 180, 85], zoom);
      assert.equal(gs.reduce((s, g) => s + g.n, 0), 300, `zoom ${zoom}`);
    }
    const pres = groupes(indexes, [-180, -85, 180, 85], 17);
    assert.equal(pres.length, 300);
    assert.ok(pres.every((g) => g.point && g.n === 1));
    assert.ok(groupes(indexes, [-180, -85, 180, 85], 5).length < 30); // grouped when the map shows France
  });
  it("merges the groups of two squares that touch: no two groups closer than the radius", async () => {
    // Two crowds on both sides of the line of latitude 48 (the edge of two squares).
    const res = [];
    for (let i = 0; i < 50; i++) res.push(offre([47.99 - i * 0.001, 2.3]), offre([48.01 + i * 0.001, 2.3]));
    const indexes = await index(res);
    assert.equal(indexes.length, 2);
    const gs = groupes(indexes, FRANCE, 6);
    assert.equal(gs.length, 1);
    assert.equal(gs[0].n, 100);
    assert.ok(Math.abs(gs[0].lat - 48) < 0.05);
  });
  it("keeps only what is in view", async () => {
    const indexes = await index([offre([48.6, 2.4]), offre([43.3, 5.4])]);
    const paris = groupes(indexes, [1, 48, 3, 49], 10);
    assert.deepEqual(paris.map((g) => g.point.properties.r), [0]);
  });
});

describe("zoomDe", () => {
  it("goes to Supercluster's expansion zoom for a group of one square, two levels closer for a merged one", async () => {
    const indexes = await index([offre([48.6, 2.4]), offre([48.6005, 2.4005]), offre([48.62, 2.42])]);
    const [g] = groupes(indexes, FRANCE, 5);
    assert.equal(g.n, 3);
    assert.equal(zoomDe(g, 5, 18), indexes[0].getClusterExpansionZoom(g.id));
    assert.equal(zoomDe({ ...g, id: null }, 5, 18), 7);
    assert.equal(zoomDe({ ...g, id: null }, 17, 18), 18);
  });
});

describe("pixel", () => {
  it("projects like Web Mercator: Greenwich on the equator is the centre of the world", () => {
    assert.deepEqual(pixel(0, 0, 0), [128, 128]);
    assert.deepEqual(pixel(0, 180, 1), [512, 256]);
  });
});
