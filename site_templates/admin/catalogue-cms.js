/* Loaded before sveltia-cms.js on /admin/ (a classic script: Sveltia's bundle is one too).
   1. Nothing leaves the site but the forge's requests: Sveltia fetches its French messages from unpkg.com
      (they are copied next to this file at build) and checks unpkg.com for updates and githubstatus.com
      for GitHub incidents: the first is sent to the local copy, the others get an empty answer.
   2. date_maj: the day of the save (UTC date), on every save of an offer or a structure. */
/* global window, document, Response, URL */
(function () {
  "use strict";
  const LOCALES = /^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/([A-Za-z-]+\.json)$/;
  const THIRD_PARTY = /^https:\/\/(unpkg\.com|www\.githubstatus\.com)\//;
  const here = new URL(".", document.currentScript.src);
  const fetchOriginal = window.fetch.bind(window);

  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const locale = LOCALES.exec(url);
    if (locale) return fetchOriginal(new URL("locales/" + locale[1], here).href, init);
    if (THIRD_PARTY.test(url)) return Promise.resolve(new Response("", { status: 404, statusText: "Not Found" }));
    return fetchOriginal(input, init);
  };

  /* The UTC date: never later than the date in France, so never « in the future » for the check run by
     the forge (in UTC), even when saving just after midnight in Paris. */
  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  window.addEventListener("load", function () {
    if (!window.CMS || !window.CMS.registerEventListener) return;
    window.CMS.registerEventListener({
      name: "preSave",
      handler: ({ entry }) => entry.setIn(["data", "date_maj"], today()),
    });
  });
})();
