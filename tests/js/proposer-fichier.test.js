// proposer-fichier.js: the offer's file written by « Proposer une offre » (slug, YAML text, forge link)
// and the validator's rules the browser applies.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { parse } from "yaml";

import {
  HORAIRES, courrielValide, lienValide, nettoyer, nomFichier, phrase, problemes, slugifier, telephoneNational, urlForge, valeurA, yaml,
} from "../../site_templates/static/proposer-fichier.js";
import { cas, fichierCas } from "./cas.js";

const ENTETE = "# yaml-language-server: $schema=../../schema/offre.schema.json";

describe("slugifier (tests/js/cas/slug.json)", () => {
  for (const { texte, attendu } of cas("slug")) {
    it(`« ${texte} » → « ${attendu} »`, () => assert.equal(slugifier(texte), attendu));
  }
});

describe("nomFichier", () => {
  it("numbers a name the structure already has", () => {
    assert.equal(nomFichier("Garage solidaire", []), "garage-solidaire.yml");
    assert.equal(nomFichier("Garage solidaire", ["garage-solidaire"]), "garage-solidaire-2.yml");
    assert.equal(nomFichier("Garage solidaire", ["garage-solidaire", "garage-solidaire-2"]), "garage-solidaire-3.yml");
    assert.equal(nomFichier("€€€"), "offre.yml");
  });
});

/* The catalogue reads the files with PyYAML (YAML 1.1); editors may use YAML 1.2: both must read back
   what was written. Dates are read as dates by both. */
function relire(texte, version) {
  return parse(texte, (cle, v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), { version });
}

const OFFRE = {
  nom: "Garage solidaire : réparations à prix réduit",
  description: "Réparations à **prix solidaire**.\n\nSur rendez-vous :\n- vidange\n- freins",
  thematiques: ["mobilite--entretenir-reparer-son-vehicule"],
  mots_cles: ["PMSMP", "yes", "2A004", "-tiret"],
  age_min: 18,
  zone_eligibilite: ["91", "2A004", "200059228"],
  lieux: [{ nom: "Atelier", adresse: "1 rue de la Gare", code_postal: "91100", commune: "Corbeil-Essonnes", code_insee: "91174", horaires_accueil: "Mo-Fr 09:00-12:00; PH off" }],
  places: { total: 10, disponibles: 3, date: "2026-11-30" },
  telephone: "01 99 00 00 01",
  date_maj: "2026-11-30",
  frequence_maj: 180,
};

describe("yaml", () => {
  it("writes the schema comment, then each field in the model's order", () => {
    assert.equal(yaml(OFFRE, ENTETE), `${ENTETE}
nom: "Garage solidaire : réparations à prix réduit"
description: |-
  Réparations à **prix solidaire**.

  Sur rendez-vous :
  - vidange
  - freins
thematiques:
  - mobilite--entretenir-reparer-son-vehicule
mots_cles:
  - PMSMP
  - "yes"
  - "2A004"
  - "-tiret"
age_min: 18
zone_eligibilite:
  - "91"
  - "2A004"
  - "200059228"
lieux:
  - nom: Atelier
    adresse: 1 rue de la Gare
    code_postal: "91100"
    commune: Corbeil-Essonnes
    code_insee: "91174"
    horaires_accueil: Mo-Fr 09:00-12:00; PH off
places:
  total: 10
  disponibles: 3
  date: 2026-11-30
telephone: "01 99 00 00 01"
date_maj: 2026-11-30
frequence_maj: 180
`);
  });

  it("takes the page's schema comment, and refuses to write without it", () => {
    assert.equal(yaml({ nom: "Atelier" }, "# yaml-language-server: $schema=../../../schema/offre.schema.json"),
      "# yaml-language-server: $schema=../../../schema/offre.schema.json\nnom: Atelier\n");
    assert.throws(() => yaml({ nom: "Atelier" }), /en-tête/);
  });

  it("writes booleans and numbers as YAML reads them", () => {
    assert.equal(yaml({ a: true, b: false, c: 2.5 }, ENTETE), `${ENTETE}\na: true\nb: false\nc: 2.5\n`);
  });

  const HOSTILES = [
    "yes", "No", "on", "OFF", "y", "null", "~", "true", "12", "1e3", "0x1F", "0o17", "+33", "-1", ".5", "1_000", "12:30",
    "2026-11-30", "2026-11-30 10:00", "- tiret", "? question", ": deux-points", "a: b", "fin:", "a #commentaire",
    "#commentaire", "&ancre", "*alias", "!etiquette", "|bloc", ">plié", "'apostrophe", "\"guillemet", "%directive",
    "@arobase", "`accent", "[liste]", "{objet}", ",virgule", " espace devant", "espace derrière ", "tab\tulation",
    "ligne\u2028séparateur", "bom\ufeff", "nul\u0000", "l'été", "Cœur d'Essonne — « insertion »", "€ 5", "=",
    "<script>alert(1)</script>", "ﬁlière", "ligne 1\nligne 2", "\ncommence par un saut", " retrait\nsuite",
    "fin de ligne \nsuite", "ligne\n\n\nlignes vides", "a\rb",
  ];

  for (const version of ["1.1", "1.2"]) {
    it(`reads back every string as written (YAML ${version})`, () => {
      for (const v of HOSTILES) {
        const offre = { nom: v, mots_cles: [v], description: v + "\nsuite\n\n  retrait", lieux: [{ adresse: v }], places: { saturation: v } };
        assert.deepEqual(relire(yaml(offre, ENTETE), version), offre, JSON.stringify(v));
      }
    });

    it(`keeps codes as strings and dates as dates (YAML ${version})`, () => {
      assert.deepEqual(relire(yaml(OFFRE, ENTETE), version), OFFRE);
    });
  }
});

describe("urlForge", () => {
  it("opens the forge's new-file page, prefilled", () => {
    const texte = "nom: a & b\n";
    assert.equal(urlForge("ccas-evry", "a.yml", texte, { type: "github", url: "https://github.com/org/catalogue", branche: "main" }),
      "https://github.com/org/catalogue/new/main/offers/ccas-evry?filename=a.yml&value=nom%3A%20a%20%26%20b%0A");
    assert.equal(urlForge("ccas-evry", "a.yml", texte, { type: "gitlab", url: "https://gitlab.example.org/g/c", branche: "principale" }),
      "https://gitlab.example.org/g/c/-/new/principale/offers/ccas-evry?file_name=a.yml&content=nom%3A%20a%20%26%20b%0A");
    assert.equal(urlForge("ccas-evry", "a.yml", texte, { type: "gitea", url: "https://forge.example.org/d/c", branche: "main" }),
      "https://forge.example.org/d/c/_new/main/offers/ccas-evry?filename=a.yml&value=nom%3A%20a%20%26%20b%0A");
    assert.equal(urlForge("ccas-evry", "a.yml", texte, null), "");
  });
});

describe("the validator's rules", () => {
  it("writes phone numbers the French way, and refuses numbers no line has", () => {
    assert.equal(telephoneNational("+33 1 64 00 00 00"), "01 64 00 00 00");
    assert.equal(telephoneNational("0033164000000"), "01 64 00 00 00");
    assert.equal(telephoneNational("01.64.00.00.00"), "01 64 00 00 00");
    assert.equal(telephoneNational("(06) 12-34-56-78"), "06 12 34 56 78");
    assert.equal(telephoneNational("0700000000", { "0700": 1 }), null);
    assert.equal(telephoneNational("+32 2 000 00 00"), null);
    assert.equal(telephoneNational("01 64 00 00"), null);
  });

  it("checks e-mail addresses and web links", () => {
    assert.ok(courrielValide("contact@exemple.fr"));
    assert.ok(courrielValide("prenom.nom+insertion@mairie-evry.example.org"));
    for (const v of ["contact@exemple", "contact@localhost.test", "a@b.invalid", "@exemple.fr", "a b@exemple.fr", "a".repeat(65) + "@exemple.fr"]) {
      assert.ok(!courrielValide(v), v);
    }
    assert.ok(lienValide("https://www.exemple.fr/inscription?x=1"));
    for (const v of ["javascript:alert(1)", "ftp://exemple.fr", "https://localhost/", "https://exemple.fr/a b", "exemple.fr"]) {
      assert.ok(!lienValide(v), v);
    }
  });

  it("reads the opening hours the validator reads", () => {
    for (const v of ["Mo-Fr 09:00-12:00,14:00-17:00; PH off", "24/7", "Mo,We 09:00-12:00", "Sa 10:00-12:00;Su off"]) assert.ok(HORAIRES.test(v), v);
    for (const v of ["lundi 9h-12h", "Mo-Fr 9:00-12:00", "Mo-Fr 09:00-12:00;", "PH"]) assert.ok(!HORAIRES.test(v), v);
  });

  it("cleans what is typed", () => {
    assert.equal(nettoyer("  Garage\tsolidaire\u0007 \n"), "Garage solidaire");
    assert.equal(nettoyer("ligne 1  \r\nligne 2\n\n", true), "ligne 1\nligne 2");
    assert.equal(nettoyer(undefined), "");
  });
});

describe("rules between fields (tests/js/cas/regles.json, run by the validation's rules.problems too)", () => {
  const { regles, cas: lesCas } = fichierCas("regles");
  for (const c of lesCas) {
    it(c.note, () => assert.deepEqual(problemes(regles, c.offre, c.structure || null), c.attendu));
  }

  it("stops on a rule of an unknown kind", () => {
    assert.throws(() => problemes([{ type: "inconnue", champ: ["nom"], message: "x" }], {}), /type inconnu « inconnue »/);
  });

  it("reads values by path", () => {
    assert.equal(valeurA({ places: { total: 3 } }, ["places", "total"]), 3);
    assert.equal(valeurA({ places: null }, ["places", "total"]), null);
    assert.equal(valeurA({ lieux: [{ nom: "A" }] }, ["lieux", 0, "nom"]), "A");
    assert.equal(valeurA(null, ["nom"]), null);
  });
});

describe("phrase: a validator's message as the form shows it", () => {
  it("capitalises, ends with a period, shows the labels of the codes", () => {
    assert.equal(phrase("âge maximum (20) inférieur à l'âge minimum (30)"), "Âge maximum (20) inférieur à l'âge minimum (30).");
    assert.equal(phrase("mode « telephoner » choisi : indiquer un téléphone", { telephoner: "Téléphoner" }),
      "Mode « Téléphoner » choisi : indiquer un téléphone.");
    assert.equal(phrase("« tous-publics » s'utilise seul : retirer les autres publics ou « tous-publics »", { "tous-publics": "Tous publics" }),
      "« Tous publics » s'utilise seul : retirer les autres publics ou « Tous publics ».");
    assert.equal(phrase("« inconnu » reste tel quel.", { autre: "Autre" }), "« Inconnu » reste tel quel.");
    assert.equal(phrase("« constructor » n'est pas un libellé"), "« Constructor » n'est pas un libellé.");
  });
});
