// confiance.js: what the Trusted Types policy of the map and search pages lets through (nothing else).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { htmlPermis, scriptPermis } from "../../site_templates/static/confiance.js";

describe("htmlPermis: Leaflet's and markercluster's own markup only", () => {
  it("lets their constant strings through", () => {
    for (const s of ["", "<svg/>", '<span aria-hidden="true">+</span>', '<span aria-hidden="true">&#x2212;</span>',
      '<span aria-hidden="true">&#215;</span>', "<div><span>7</span></div>", "<div><span>12345</span></div>"]) {
      assert.ok(htmlPermis(s), s);
    }
  });

  it("refuses anything else", () => {
    for (const s of ["<b>x</b>", "Garage solidaire", '<meta http-equiv="refresh" content="0;url=https://exemple.invalid/">',
      "<img src=x onerror=alert(1)>", "<div><span>7<img src=x></span></div>", "<div><span></span></div>", "<svg/><img src=x>",
      '<span aria-hidden="true">+</span> ', "<div><span>1</span></div>\n", null, undefined, 7]) {
      assert.ok(!htmlPermis(s), String(s));
    }
  });
});

describe("scriptPermis: Pagefind's worker, from the site itself", () => {
  const base = "https://catalogue.exemple.fr/recherche/";
  it("lets the worker through", () => {
    assert.ok(scriptPermis("/pagefind/pagefind-worker.js", base));
    assert.ok(scriptPermis("../pagefind/pagefind-worker.js", base));
    assert.ok(scriptPermis("https://catalogue.exemple.fr/sous/pagefind/pagefind-worker.js", base));
  });
  it("refuses another script or another site", () => {
    for (const s of ["https://exemple.invalid/pagefind/pagefind-worker.js", "/pagefind/pagefind.js", "data:text/javascript,1",
      "javascript:alert(1)", "/pagefind/pagefind-worker.js?x=1", "blob:https://catalogue.exemple.fr/1"]) {
      assert.ok(!scriptPermis(s, base), s);
    }
  });
});
