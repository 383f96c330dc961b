/* « Proposer une offre »: the catalogue's structures, in a file apart (proposer/structures.json, written by
   generator/contribute/form.py) fetched once, when a structure field is first used: the page keeps the same
   size whatever the number of structures. Both structure fields (the offer's structure, its partners) are
   text boxes with suggestions (<datalist>). */
import { normaliser } from "./lib.js";

/* What a person typed or chose → a structure's folder, or "": the folder itself, « Nom (dossier) » as the
   suggestions show it, or the exact name of one structure (accents and case ignored). */
export function structureDe(valeur, structures) {
  const v = String(valeur || "").trim();
  if (!v) return "";
  if (Object.hasOwn(structures, v)) return v;
  const m = /\(([a-z0-9-]+)\)$/.exec(v);
  if (m && Object.hasOwn(structures, m[1])) return m[1];
  const n = normaliser(v);
  const memes = Object.keys(structures).filter((s) => normaliser(structures[s].nom) === n);
  return memes.length === 1 ? memes[0] : "";
}

export const libelleStructure = (sid, structures) => (structures[sid] ? structures[sid].nom + " (" + sid + ")" : sid);

/* The loader of the page's structures: charger() gives a promise of {dossier: {nom, telephone, courriel,
   offres}}, fetched once; the <datalist> is filled when they arrive. */
export function chargeur(adresse, datalist) {
  let promesse = null;
  return function charger() {
    if (!promesse) {
      promesse = fetch(adresse).then((r) => {
        if (!r.ok) throw new Error("Liste des structures indisponible (" + r.status + ") : recharger la page.");
        return r.json();
      }).then((structures) => {
        if (datalist) {
          const fragment = document.createDocumentFragment();
          for (const sid of Object.keys(structures)) {
            const o = document.createElement("option");
            o.value = libelleStructure(sid, structures);
            fragment.appendChild(o);
          }
          datalist.appendChild(fragment);
        }
        return structures;
      }, (e) => { promesse = null; throw e; });
    }
    return promesse;
  };
}

/* A partner structure added to the form: a ticked box (unticking it leaves it out of the file). */
export function ajouterPartenaire(fieldset, sid, libelle) {
  const id = "champ-partenaires-" + sid;
  const deja = fieldset.querySelector("#" + CSS.escape(id));
  if (deja) {
    deja.checked = true;
    const l = fieldset.querySelector('label[for="' + CSS.escape(id) + '"]');
    if (l) l.textContent = libelle; // its name, once the structures are fetched
    return deja;
  }
  const p = document.createElement("p");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = id;
  box.name = "partenaires";
  box.value = sid;
  box.checked = true;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = libelle;
  p.append(box, " ", label);
  fieldset.appendChild(p);
  return box;
}
