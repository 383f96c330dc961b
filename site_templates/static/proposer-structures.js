/* « Proposer une offre »: the catalogue's structures, in files apart (proposer/structures.json, the names,
   fetched once when a structure field is first used; proposer/structures-<key>.json, the details, fetched
   for the chosen structure; written by generator/contribute/form.py): the page keeps the same size whatever
   the number of structures. Both structure fields (the offer's structure, its partners) are
   text boxes with suggestions (<datalist>). */
import { normaliser, retenir } from "./lib.js";

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

/* The index of structures.json ({key: {folder: name}}) → {folder: {nom}} and {folder: key}. Pure. */
export function lireIndex(index) {
  const structures = {}, cles = {};
  for (const cle of Object.keys(index)) {
    for (const sid of Object.keys(index[cle])) {
      structures[sid] = { nom: index[cle][sid] };
      cles[sid] = cle;
    }
  }
  return { structures, cles };
}

async function lireJson(adresse) {
  const r = await fetch(adresse);
  if (!r.ok) throw new Error("Liste des structures indisponible (" + r.status + ") : recharger la page.");
  return r.json();
}

/* The loader of the page's structures, in two steps so that no download grows with the catalogue:
   charger() gives a promise of {dossier: {nom}} (the index, fetched once; the <datalist> is filled when it
   arrives); details(sid) adds to that structure {telephone, courriel, offres}, read from the file of its
   key (`modele`: the file's address with « {cle} »), fetched once per key. */
export function chargeur(adresse, modele, datalist) {
  let promesse = null;
  const cles = {}, fichiers = new Map();
  function charger() {
    if (!promesse) {
      promesse = lireJson(adresse).then((index) => {
        const lu = lireIndex(index);
        Object.assign(cles, lu.cles);
        if (datalist) {
          const fragment = document.createDocumentFragment();
          for (const sid of Object.keys(lu.structures)) {
            const o = document.createElement("option");
            o.value = libelleStructure(sid, lu.structures);
            fragment.appendChild(o);
          }
          datalist.appendChild(fragment);
        }
        return lu.structures;
      }, (e) => { promesse = null; throw e; });
    }
    return promesse;
  }
  async function details(sid) {
    const structures = await charger();
    if (!Object.hasOwn(cles, sid)) return structures;
    const cle = cles[sid];
    const part = await retenir(fichiers, cle, () => lireJson(modele.replace("{cle}", encodeURIComponent(cle))));
    if (part[sid]) Object.assign(structures[sid], part[sid]);
    return structures;
  }
  return { charger, details };
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
