import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { corps, erreurPlaces, lienCourriel, lienTicket } from "../../site_templates/static/ticket.js";

const LIBELLES = { offre: "Offre", disponibles: "Places disponibles", total: "Places au total", date: "Date du comptage" };
const CAS = JSON.parse(readFileSync(new URL("./cas/tickets.json", import.meta.url), "utf-8"));

test("le texte du ticket est celui que Python écrit et relit (cas partagés)", () => {
  assert.ok(CAS.length > 0);
  for (const c of CAS) assert.equal(corps(LIBELLES, c.valeurs), c.corps);
});

test("GitHub : une réponse par paramètre, les vides omis ; GitLab et Gitea : le texte entier", () => {
  const v = { offre: "a/b", disponibles: "3", total: "", date: "2026-11-20" };
  assert.equal(lienTicket("https://f/issues/new?template=t.yml&offre=a%2Fb", "", LIBELLES, v),
    "https://f/issues/new?template=t.yml&offre=a%2Fb&disponibles=3&date=2026-11-20");
  const gitlab = new URL(lienTicket("https://f/-/issues/new?issuable_template=t", "issue[description]", LIBELLES, v));
  assert.equal(gitlab.searchParams.get("issue[description]"), corps(LIBELLES, v));
  const mail = lienCourriel("mailto:c@example.org?subject=Places%20%3A%20a%2Fb", "ligne 1\nligne 2 & +");
  assert.equal(mail, "mailto:c@example.org?subject=Places%20%3A%20a%2Fb&body=ligne%201%0Aligne%202%20%26%20%2B");
});

test("un comptage impossible est refusé en français", () => {
  assert.equal(erreurPlaces("3", "12"), "");
  assert.equal(erreurPlaces("3", ""), "");
  assert.match(erreurPlaces("", ""), /Places disponibles : indiquer un nombre entier/);
  assert.match(erreurPlaces("-1", ""), /nombre entier/);
  assert.match(erreurPlaces("13", "12"), /Plus de places disponibles \(13\) que de places au total \(12\)/);
});

test("« Envoyer par courriel » : le fichier dans le message, ou en pièce jointe s'il est trop long", async () => {
  const { urlCourriel } = await import("../../site_templates/static/proposer-fichier.js");
  const court = urlCourriel("c@example.org", "ccas-evry", "aide.yml", "nom: Aide\n");
  assert.equal(court.complet, true);
  const body = new URL(court.url).searchParams.get("body");
  assert.ok(body.endsWith("nom: Aide\n") && court.url.startsWith("mailto:c@example.org?subject=Nouvelle%20offre%20%3A%20offers%2Fccas-evry%2Faide.yml&body="));
  const long = urlCourriel("c@example.org", "ccas-evry", "aide.yml", "description: " + "é".repeat(2000) + "\n");
  assert.equal(long.complet, false);
  assert.ok(long.url.length <= 2000 && decodeURIComponent(long.url).includes("est joint à ce courriel"));
  assert.deepEqual(urlCourriel("", "s", "f.yml", "x"), { url: "", complet: false });
});
