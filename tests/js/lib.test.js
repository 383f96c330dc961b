// lib.js: normalisation, messages, URLs of the page, promises kept until they fail, "Ma sélection",
// "ouvert maintenant".
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";

import {
  construireURL, ferie, normaliser, nombre, ouvert, paques, remplir, remplirMotif, retenir, selection, t, tn,
} from "../../site_templates/static/lib.js";
import { cas } from "./cas.js";

describe("normaliser", () => {
  for (const { texte, attendu } of cas("normalisation")) {
    it(`« ${texte} » → « ${attendu} »`, () => assert.equal(normaliser(texte), attendu));
  }
  it("is idempotent", () => {
    for (const { texte } of cas("normalisation")) assert.equal(normaliser(normaliser(texte)), normaliser(texte));
  });
});

describe("messages", () => {
  afterEach(() => {
    delete globalThis.CatalogueMessages;
    delete globalThis.document;
  });

  it("are French without a catalogue, with their {variables}", () => {
    assert.equal(t("Retirer « {nom} »", { nom: "Garage solidaire" }), "Retirer « Garage solidaire »");
    assert.equal(t("à {km} km"), "à {km} km");
    assert.equal(remplir("{a} et {b}", { a: 1 }), "1 et {b}");
  });

  it("treat 0 and 1 as singular in French", () => {
    assert.equal(tn("{n} offre trouvée.", "{n} offres trouvées.", 0), "0 offre trouvée.");
    assert.equal(tn("{n} offre trouvée.", "{n} offres trouvées.", 1), "1 offre trouvée.");
    assert.equal(tn("{n} offre trouvée.", "{n} offres trouvées.", 2), "2 offres trouvées.");
    assert.equal(tn("{n} place disponible sur {total}", "{n} places disponibles sur {total}", 3, { total: 10 }), "3 places disponibles sur 10");
  });

  it("come from window.CatalogueMessages in another language, plural forms by the language's rules", () => {
    globalThis.document = { documentElement: { lang: "en" } };
    globalThis.CatalogueMessages = { "Ouvert maintenant": "Open now", "{n} offre trouvée.": ["{n} service found.", "{n} services found."] };
    assert.equal(t("Ouvert maintenant"), "Open now");
    assert.equal(t("Fermé en ce moment"), "Fermé en ce moment"); // not translated: French
    assert.equal(tn("{n} offre trouvée.", "{n} offres trouvées.", 1), "1 service found.");
    assert.equal(tn("{n} offre trouvée.", "{n} offres trouvées.", 0), "0 services found.");
    assert.equal(nombre(1234.56, 1), "1,234.6");
  });
});

describe("URLs given by the page", () => {
  // What generator/urls.py for_browser gives an English search page (/en/recherche/).
  const MOTIFS = {
    offre: "../offres/{id}/", selection: "../selection/", recherche: "../recherche/", racine: "../../",
    pagefind: "../../pagefind/pagefind.js", geo: "../../geo/{fichier}",
  };
  const PAGE = "https://catalogue.example.org/en/recherche/?q=permis";

  it("resolve against the page", () => {
    assert.equal(construireURL(MOTIFS, "offre", { id: "mobilite-solidaire/garage-solidaire" }, PAGE).href,
      "https://catalogue.example.org/en/offres/mobilite-solidaire/garage-solidaire/");
    assert.equal(construireURL(MOTIFS, "selection", {}, PAGE).href, "https://catalogue.example.org/en/selection/");
    assert.equal(construireURL(MOTIFS, "racine", undefined, PAGE).pathname, "/");
    assert.equal(construireURL(MOTIFS, "pagefind", {}, PAGE).href, "https://catalogue.example.org/pagefind/pagefind.js");
    assert.equal(construireURL(MOTIFS, "geo", { fichier: "communes-2A.json" }, PAGE).href, "https://catalogue.example.org/geo/communes-2A.json");
  });

  it("keep working under a sub-folder and from a file", () => {
    const sous = "https://example.org/catalogue/offres/a/b/";
    const motifs = { offre: "../../{id}/", racine: "../../../" };
    assert.equal(construireURL(motifs, "offre", { id: "c/d" }, sous).href, "https://example.org/catalogue/offres/c/d/");
    assert.equal(construireURL(motifs, "racine", {}, sous).pathname, "/catalogue/");
    assert.equal(construireURL(MOTIFS, "offre", { id: "s/o" }, "file:///tmp/site/en/recherche/index.html").href, "file:///tmp/site/en/offres/s/o/");
  });

  it("encode each path segment of a value, and keep its slashes", () => {
    assert.equal(remplirMotif("../offres/{id}/", { id: "a b/c?d#e" }), "../offres/a%20b/c%3Fd%23e/");
    assert.equal(remplirMotif("../offres/{id}/", { id: "crèche/l'été" }), "../offres/cr%C3%A8che/l'%C3%A9t%C3%A9/");
  });

  it("refuse a missing value, an unknown name, or a value that would leave its folder", () => {
    assert.throws(() => remplirMotif("../offres/{id}/", {}), /valeur de \{id\} manquante/);
    assert.throws(() => construireURL(MOTIFS, "structure", {}, PAGE), /adresse inconnue : structure/);
    assert.throws(() => construireURL(undefined, "offre", { id: "a/b" }, PAGE), /adresse inconnue/);
    for (const id of ["../b", "a/..", "a//b", "./b", ""]) {
      assert.throws(() => remplirMotif("../offres/{id}/", { id }), /invalide/, id);
    }
  });
});

describe("retenir: a download kept once it succeeded, forgotten when it failed", () => {
  it("shares one promise between callers", async () => {
    const cache = new Map();
    let appels = 0;
    const fabrique = async () => { appels++; return "données"; };
    const [a, b] = await Promise.all([retenir(cache, "x", fabrique), retenir(cache, "x", fabrique)]);
    assert.equal(a, "données");
    assert.equal(b, "données");
    assert.equal(await retenir(cache, "x", fabrique), "données");
    assert.equal(appels, 1);
  });

  it("tries again after a failure (one network error does not break the search until reload)", async () => {
    const cache = new Map();
    let appels = 0;
    const fabrique = async () => {
      appels++;
      if (appels === 1) throw new TypeError("Failed to fetch");
      return "données";
    };
    await assert.rejects(retenir(cache, "geo/index.json", fabrique), /Failed to fetch/);
    assert.equal(cache.has("geo/index.json"), false);
    assert.equal(await retenir(cache, "geo/index.json", fabrique), "données");
    assert.equal(await retenir(cache, "geo/index.json", fabrique), "données");
    assert.equal(appels, 2);
  });

  it("catches a factory that throws at once", async () => {
    const cache = new Map();
    await assert.rejects(retenir(cache, "k", () => { throw new Error("tout de suite"); }), /tout de suite/);
    assert.equal(cache.size, 0);
  });
});

describe("selection (localStorage)", () => {
  afterEach(() => { delete globalThis.localStorage; });

  function stockage(initial) {
    const m = new Map(initial ? [["catalogue-selection", initial]] : []);
    return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), m };
  }

  it("adds once, removes, and keeps the names", () => {
    globalThis.localStorage = stockage();
    selection.ajouter("a/b", "Garage solidaire");
    selection.ajouter("a/b", "Garage solidaire");
    selection.ajouter("c/d");
    assert.deepEqual(selection.lire(), [{ id: "a/b", nom: "Garage solidaire" }, { id: "c/d", nom: "c/d" }]);
    assert.ok(selection.contient("c/d"));
    selection.retirer("a/b");
    assert.deepEqual(selection.lire().map((x) => x.id), ["c/d"]);
  });

  it("ignores what it cannot read", () => {
    globalThis.localStorage = stockage("pas du JSON");
    assert.deepEqual(selection.lire(), []);
    globalThis.localStorage = stockage(JSON.stringify([{ id: "a/b" }, null, { id: 3 }, "x"]));
    assert.deepEqual(selection.lire(), [{ id: "a/b" }]);
    globalThis.localStorage = { getItem() { throw new Error("SecurityError"); }, setItem() { throw new Error("QuotaExceededError"); } };
    assert.deepEqual(selection.lire(), []);
    selection.ajouter("a/b"); // private mode: nothing kept, no error
  });
});

describe("ouvert maintenant", () => {
  const minutes = (h, m = 0) => h * 60 + m;
  // Monday to Friday 9:00-12:00 and 14:00-17:00, closed on public holidays.
  const semaine = [[minutes(9), minutes(12)], [minutes(14), minutes(17)]];
  const horaires = { reg: true, ph: "off", j: [semaine, semaine, semaine, semaine, semaine, [], []] };

  it("knows Easter and the French public holidays", () => {
    assert.deepEqual([paques(2026).getMonth(), paques(2026).getDate()], [3, 5]); // 5 April 2026
    assert.deepEqual([paques(2027).getMonth(), paques(2027).getDate()], [2, 28]); // 28 March 2027
    for (const [m, d] of [[0, 1], [3, 6], [4, 1], [4, 8], [4, 14], [4, 25], [6, 14], [7, 15], [10, 1], [10, 11], [11, 25]]) {
      assert.ok(ferie(new Date(2026, m, d)), `${d}/${m + 1}/2026`);
    }
    assert.ok(!ferie(new Date(2026, 3, 5))); // Easter Sunday is a Sunday anyway
    assert.ok(!ferie(new Date(2026, 10, 23)));
  });

  it("reads the weekly schedule at the visitor's time", () => {
    assert.equal(ouvert(horaires, new Date(2026, 10, 23, 10, 30)), true); // Monday morning
    assert.equal(ouvert(horaires, new Date(2026, 10, 23, 12, 0)), false); // closing time is excluded
    assert.equal(ouvert(horaires, new Date(2026, 10, 23, 13, 0)), false);
    assert.equal(ouvert(horaires, new Date(2026, 10, 28, 10, 0)), false); // Saturday
    assert.equal(ouvert(horaires, new Date(2026, 11, 25, 10, 30)), false); // Christmas, a Friday: PH off
    assert.equal(ouvert({ ...horaires, ph: "" }, new Date(2026, 11, 25, 10, 30)), true);
  });

  it("does not know irregular schedules", () => {
    assert.equal(ouvert({ reg: false }, new Date(2026, 10, 23, 10, 30)), null);
    assert.equal(ouvert(null), null);
  });
});
