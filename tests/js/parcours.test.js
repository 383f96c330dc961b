// parcours-regles.js: the plan in the URL, who may use an offer, and in which order the offers come.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { base, classer, eligible, fichiersDe, lireCriteres, ouvertPendant, versParams } from "../../site_templates/static/parcours-regles.js";
import { departementDe } from "../../site_templates/static/territoires.js";
import { cas } from "./cas.js";

const CORBEIL = { code: "91174", dep: "91", epci: "200059228", lat: 48.6139, lon: 2.4826 };
const semaine = { reg: true, ph: "off", j: [[[540, 720]], [[540, 720]], [], [[840, 1020]], [], [], []] }; // lun., mar. matin; jeu. après-midi

function offre(id, o = {}) {
  return {
    id, nom: id, structure: "S", thematiques: ["mobilite--louer-un-vehicule"], zone: ["91"], publics: [], ageMin: null, ageMax: null,
    gratuit: 1, aDistance: false, telephone: "", mobilisable: [], modes: [], places: null, s: null,
    lieux: [{ lat: 48.6139, lon: 2.4826, s: null, commune: "Corbeil-Essonnes", adresse: "1 rue", cp: "91100" }],
    ...o,
  };
}
const loinDe = (km) => [{ lat: 48.6139 + km / 111.2, lon: 2.4826, s: null, commune: "X", adresse: "1 rue", cp: "91000" }];
const libres = (n) => ({ total: 10, disponibles: n, date: "2026-11-01", aConfirmer: false });
const criteres = (q) => lireCriteres(new URLSearchParams(q));

describe("the plan in the URL", () => {
  it("reads and writes back the same criteria, unknown values dropped", () => {
    const q = "commune=91174&besoin=famille--garde-denfants&besoin=mobilite&public=jeunes&enfant=2&rayon=sans-voiture&dispo=lu-matin&gratuit=1";
    assert.equal(versParams(criteres(q)).toString(), q);
    const c = criteres("commune=<x>&besoin=a%20b&rayon=9999&dispo=di-matin&enfant=-1");
    assert.deepEqual(c, { commune: "", besoins: [], publics: [], enfant: null, rayon: "20", dispos: [], gratuit: false });
  });
});

describe("which files of a need the page reads (besoins/<categorie>/<dep>.json)", () => {
  it("her département's and the national one, when they exist", () => {
    assert.deepEqual(fichiersDe(["75", "91", "france"], "91"), ["91", "france"]);
    assert.deepEqual(fichiersDe(["75", "france"], "91"), ["france"]);
    assert.deepEqual(fichiersDe(["france"], "2A"), ["france"]);
  });
  it("every part of a file cut under 1 MB (« 91-1 », « 91-2 »…), never another département's", () => {
    assert.deepEqual(fichiersDe(["9-1", "91-1", "91-2", "910", "france-1", "france-2"], "91"), ["91-1", "91-2", "france-1", "france-2"]);
    assert.deepEqual(["2A", "971", "91-12", "france"].map(base), ["2A", "971", "91", "france"]);
  });
  // The build files an offer as the search index's filters (parcours.fichiers; tests/site/test_parcours_fichiers.py
  // ties it to the same cases): an offer open to her is in one of the files she reads.
  for (const c of cas("eligibilite").filter((x) => x.eligible)) {
    it(`${c.note} : dans un fichier lu depuis ${c.commune.code}`, () => {
      const fichiers = Object.keys(c.filtres).map((f) => (f === "eligibilite" ? "france" : f.replace("eligibilite-", "")));
      const existants = fichiers.includes("france") ? ["france"] : fichiers;
      assert.ok(fichiersDe(existants, departementDe(c.commune.code)).length > 0);
    });
  }
});

describe("who may use an offer", () => {
  const c = criteres("commune=91174&public=beneficiaires-des-minimas-sociaux&enfant=4&gratuit=1");
  it("follows the zone, the public, the child's age (family offers only) and « gratuit seulement »", () => {
    assert.ok(eligible(offre("a"), "mobilite", c, CORBEIL));
    assert.ok(!eligible(offre("a", { zone: ["91228"] }), "mobilite", c, CORBEIL));
    assert.ok(!eligible(offre("a", { publics: ["jeunes"] }), "mobilite", c, CORBEIL));
    assert.ok(eligible(offre("a", { publics: ["tous-publics"] }), "mobilite", c, CORBEIL));
    assert.ok(!eligible(offre("a", { gratuit: 0 }), "mobilite", c, CORBEIL));
    assert.ok(!eligible(offre("a", { gratuit: null }), "mobilite", c, CORBEIL));
    const creche = offre("c", { thematiques: ["famille--garde-denfants"], ageMax: 3 });
    assert.ok(!eligible(creche, "famille--garde-denfants", c, CORBEIL));
    assert.ok(eligible(offre("m", { ageMax: 3 }), "mobilite", c, CORBEIL)); // elsewhere the limits are the person's
    assert.ok(!eligible(offre("a"), "mobilite--preparer-un-permis", c, CORBEIL)); // a thématique asked for
  });
  it("knows when she is available", () => {
    assert.equal(ouvertPendant(semaine, ["lu-matin"]), true);
    assert.equal(ouvertPendant(semaine, ["lu-apres-midi", "me-matin"]), false);
    assert.equal(ouvertPendant(semaine, ["je-apres-midi"]), true);
    assert.equal(ouvertPendant(semaine, []), null);
    assert.equal(ouvertPendant({ ...semaine, reg: false }, ["lu-matin"]), null);
  });
});

describe("in which order", () => {
  it("puts a free place first, then the nearest, then open when she is available", () => {
    const c = criteres("commune=91174&dispo=je-apres-midi");
    const offres = [
      offre("proche-sans-places", { lieux: loinDe(1) }),
      offre("loin-libre", { lieux: loinDe(12), places: libres(2) }),
      offre("proche-libre-ferme", { lieux: loinDe(3), places: libres(1), s: { ...semaine, j: [[[540, 720]], [], [], [], [], [], []] } }),
      offre("proche-libre-ouvert", { lieux: loinDe(3), places: libres(1), s: semaine }),
      offre("complet", { lieux: loinDe(0), places: libres(0) }),
    ];
    const r = classer(offres, "mobilite", c, CORBEIL);
    assert.deepEqual(r.offres.map((x) => x.o.id), ["proche-libre-ouvert", "proche-libre-ferme", "loin-libre"]);
    assert.equal(r.sansPlace, false);
    assert.deepEqual(r.alternatives, []);
  });
  it("says when nothing near her has a free place, with the nearest alternatives and why", () => {
    const c = criteres("commune=91174&rayon=sans-voiture");
    const offres = [
      offre("complet", { lieux: loinDe(1), places: libres(0) }),
      offre("loin-libre", { lieux: loinDe(15), places: libres(3) }),
      offre("proche-inconnu", { lieux: loinDe(2) }),
    ];
    const r = classer(offres, "mobilite", c, CORBEIL);
    assert.deepEqual(r.offres.map((x) => x.o.id), ["proche-inconnu"]);
    assert.equal(r.sansPlace, true);
    assert.deepEqual(r.alternatives.map((x) => [x.o.id, x.raison]), [["loin-libre", "loin"], ["complet", "complet"]]);
    assert.equal(classer([], "mobilite", c, CORBEIL).eligibles, 0);
  });
  it("counts a remote offer as within her reach", () => {
    const r = classer([offre("distance", { lieux: [], aDistance: true, places: libres(1) })], "mobilite", criteres("commune=91174&rayon=sans-voiture"), CORBEIL);
    assert.deepEqual(r.offres.map((x) => x.o.id), ["distance"]);
  });
});
