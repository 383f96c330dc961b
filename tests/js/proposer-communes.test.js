// proposer-communes.js and proposer-structures.js: what the « Proposer une offre » page reads a file at a time
// (the communes of a département from geo/, the structures' index).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ajouterCommunes, fichiersDe } from "../../site_templates/static/proposer-communes.js";
import { lireIndex, structureDe } from "../../site_templates/static/proposer-structures.js";

// geo/index.json of a catalogue of Essonne, Rhône and Corse-du-Sud (the other départements in `france`).
const M = {
  communes: { 91: "communes-91.json", 69: "communes-69.json", "2A": "communes-2A.json", autres: "communes-autres.json" },
  france: { 38: "communes-38.json", "2B": "communes-2B.json" },
  codes_postaux: { 91: ["91"], 69: ["01", "69"], 20: ["2A", "2B"], 38: ["38"] },
};

describe("fichiersDe: the geo/ files of the catalogue's départements a typed value needs", () => {
  it("a postal code: the départements where its first two digits are found, in the catalogue only", () => {
    assert.deepEqual(fichiersDe("69100", M), ["communes-69.json"]);
    assert.deepEqual(fichiersDe(" 20000 ", M), ["communes-2A.json"]);
    assert.deepEqual(fichiersDe("38000", M), []); // Isère is not in the catalogue
  });
  it("an INSEE code: its département's (Corsica's letters too)", () => {
    assert.deepEqual(fichiersDe("2A004", M), ["communes-2A.json"]);
    assert.deepEqual(fichiersDe("2a004", M), ["communes-2A.json"]);
  });
  it("a name: every département of the catalogue, not `autres`; nothing for an empty or malformed code", () => {
    assert.deepEqual(fichiersDe("Villeurbanne", M).sort(), ["communes-2A.json", "communes-69.json", "communes-91.json"]);
    assert.deepEqual(fichiersDe("", M), []);
    assert.deepEqual(fichiersDe("123", M), []);
  });
});

describe("ajouterCommunes: rows of geo/communes-<dép>.json → postal codes and communes", () => {
  it("lists the communes of a postal code by name, and each commune once", () => {
    const cp = {}, communes = {};
    ajouterCommunes([["91570", "Saint-Vrain", "91770", "91", "", 48.5, 2.3], ["91200", "Cerny", "91590", "91", "", 48.4, 2.3]], cp, communes);
    ajouterCommunes([["91021", "Arpajon", "91290", "91", ""], ["91552", "Saint-Germain-lès-Arpajon", "91180 91290", "91", ""], ["91021", "Arpajon", "91290", "91", ""]], cp, communes);
    assert.deepEqual(cp["91290"], [["91021", "Arpajon"], ["91552", "Saint-Germain-lès-Arpajon"]]);
    assert.deepEqual(cp["91180"], [["91552", "Saint-Germain-lès-Arpajon"]]);
    assert.equal(communes["91200"], "Cerny");
    assert.equal(Object.keys(communes).length, 4);
  });
});

describe("lireIndex: proposer/structures.json ({key: {folder: name}})", () => {
  it("gives every structure's name and the key of its details file", () => {
    const { structures, cles } = lireIndex({ 0: { "ccas-evry": "CCAS d'Évry" }, 1: { "mission-locale": "Mission locale", velo: "Vélo" } });
    assert.deepEqual(cles, { "ccas-evry": "0", "mission-locale": "1", velo: "1" });
    assert.equal(structureDe("ccas d'evry", structures), "ccas-evry");
    assert.equal(structureDe("Vélo (velo)", structures), "velo");
  });
});
