// The case files shared with the Python tests (tests/js/cas/*.json: input → expected).
import { readFileSync } from "node:fs";

export function fichierCas(nom) {
  return JSON.parse(readFileSync(new URL(`cas/${nom}.json`, import.meta.url), "utf-8"));
}

export function cas(nom) {
  return fichierCas(nom).cas;
}
