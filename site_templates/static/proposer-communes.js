/* « Proposer une offre »: the communes and postal codes of the catalogue's départements, read a département
   at a time from the site's geo/communes-<dép>.json (the search page's files, generator/site/search/
   communes.py; geo/index.json lists them) when the partner types a postal code or a commune: the page
   itself carries none, whatever the number of départements (issue 19). */
import { retenir, url } from "./lib.js";
import { communeDeLigne, departementDe } from "./territoires.js";

/* The geo/ files (from the manifest `m`) that what a person typed needs: a postal code, the files of the
   catalogue's départements where its first two digits are found (manifest `codes_postaux`); an INSEE code,
   its département's; a name, every département of the catalogue. Only the catalogue's départements
   (manifest `communes`, without `autres`). Pure: node --test reads it. */
export function fichiersDe(saisie, m) {
  const texte = String(saisie || "").trim();
  const chez = m.communes || {};
  const deps = Object.keys(chez).filter((d) => d !== "autres");
  let voulus;
  if (/^\d{5}$/.test(texte) || /^(2[AB]|\d\d)\d{3}$/i.test(texte)) {
    voulus = [...((m.codes_postaux || {})[texte.slice(0, 2)] || []), departementDe(texte.toUpperCase())];
  } else if (/^\d/.test(texte) || !texte) {
    voulus = []; // not a code the form accepts: its message needs no commune
  } else {
    voulus = deps;
  }
  return [...new Set(voulus)].filter((d) => deps.includes(d)).map((d) => chez[d]);
}

/* The rows of a geo/communes-<dép>.json added to `codesPostaux` ({cp: [[INSEE, nom], …]}, each list
   sorted by name then code) and `communes` ({INSEE: nom}). Pure. */
export function ajouterCommunes(rows, codesPostaux, communes) {
  const touches = new Set();
  for (const row of rows) {
    const c = communeDeLigne(row);
    if (Object.hasOwn(communes, c.code)) continue;
    communes[c.code] = c.nom;
    for (const cp of c.cps) {
      (codesPostaux[cp] ||= []).push([c.code, c.nom]);
      touches.add(cp);
    }
  }
  for (const cp of touches) codesPostaux[cp].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

async function json(fichier) {
  const r = await fetch(url("geo", { fichier }));
  if (!r.ok) throw new Error("Communes indisponibles (" + fichier + " : " + r.status + ") : vérifier la connexion, puis réessayer.");
  return r.json();
}

/* The loader: charger(saisies) fetches (once) the files the typed values need and fills `codesPostaux` and
   `communes`; a failed download is forgotten and tried again next time. */
export function chargeurCommunes(codesPostaux, communes) {
  const telecharges = new Map();
  const manifest = () => retenir(telecharges, "index.json", () => json("index.json"));
  return async function charger(saisies) {
    const m = await manifest();
    const fichiers = new Set(saisies.flatMap((s) => fichiersDe(s, m)));
    await Promise.all([...fichiers].map((f) => retenir(telecharges, f, async () => ajouterCommunes(await json(f), codesPostaux, communes))));
  };
}

/* The intercommunalités of the zone (`fieldset`, [data-epci]): the boxes of a département's EPCI, read from
   proposer/intercommunalites-<dép>.json (its address in data-modele) and added when the département is
   picked in its list; boxes added stay, ticked or not. `voulues`: codes to tick when their box arrives (the
   draft). Returns afficher(dép) (a promise) and montres() (the départements shown or being read). */
export function intercommunalites(fieldset, nom, prefixeId, voulues) {
  const select = fieldset.querySelector("[data-epci-departement]");
  const erreur = fieldset.querySelector("[data-epci-erreur]");
  const modele = fieldset.getAttribute("data-modele");
  const montres = new Map();
  function afficher(dep) {
    if (!dep) return Promise.resolve();
    return retenir(montres, dep, async () => {
      const r = await fetch(modele.replace("{dep}", encodeURIComponent(dep)));
      if (!r.ok) throw new Error("Intercommunalités indisponibles (" + r.status + ") : vérifier la connexion, puis choisir à nouveau le département.");
      const rows = await r.json();
      const groupe = document.createElement("fieldset");
      groupe.className = "cat-sous-groupe";
      const legende = document.createElement("legend");
      const option = [...select.options].find((o) => o.value === dep);
      legende.textContent = option ? option.textContent : dep;
      groupe.appendChild(legende);
      for (const [code, libelle] of rows) {
        const id = prefixeId + "-" + code;
        if (document.getElementById(id)) continue; // an EPCI over two départements: one box
        const p = document.createElement("p");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.id = id;
        box.name = nom;
        box.value = code;
        box.checked = voulues.has(code);
        const label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = libelle;
        p.append(box, " ", label);
        groupe.appendChild(p);
      }
      fieldset.appendChild(groupe);
    });
  }
  select.addEventListener("change", () => {
    afficher(select.value).then(() => { erreur.hidden = true; }, (e) => { erreur.textContent = e.message; erreur.hidden = false; });
  });
  return { afficher, montres: () => [...montres.keys()] };
}
