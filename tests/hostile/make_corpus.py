"""Regenerates tests/hostile/corpus and its expectations (attendu.json): .venv/bin/python tests/hostile/make_corpus.py"""
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
from tests.support import OFFRE, Repo

repo = Repo(HERE / "corpus")
root = repo.offers
s = repo.structure("ccas-hostile").parent
cases = {}  # file -> (line or None, fragment)

def w(name, content, line, fragment, folder=s):
    p = repo.write(f"{folder.name}/{name}", content)
    cases[str(p.relative_to(root.parent))] = [line, fragment]

O = OFFRE
w("valide.yml", O, None, None)
w("syntaxe-invalide.yml", O.replace("nom: Garage solidaire", "nom: [Garage solidaire"), 2, "crochet ou accolade non fermé")
w("tabulations.yml", O.replace("  - mobilite--entretenir", "\t- mobilite--entretenir"), 5, "tabulation interdite")
w("bom.yml", b"\xef\xbb\xbf" + O.encode(), 1, "marque BOM")
w("latin1.yml", O.replace("Réparations", "R\udce9parations").encode("utf-8", "surrogateescape"), 3, "UTF-8")
w("cles-en-double.yml", O.replace("date_maj: 2026-11-02", "date_maj: 2026-11-02\ndate_maj: 2026-11-03"), 17, "présent deux fois")
laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98+i)}: &{chr(98+i)} [*{chr(97+i)},*{chr(97+i)},*{chr(97+i)},*{chr(97+i)},*{chr(97+i)},*{chr(97+i)},*{chr(97+i)},*{chr(97+i)},*{chr(97+i)}]\n" for i in range(9))
w("billion-laughs.yml", laughs, 1, "ancres et alias")
w("imbrication-profonde.yml", O.replace("publics: [demandeurs-emploi]", "publics: " + "[" * 200 + "]" * 200), 6, "trop imbriquée")
w("mapping-profond.yml", O + "places: " + "{a: " * 60 + "1" + "}" * 60 + "\n", 17, "trop imbriquée")
w("liste.yml", "- nom: Garage\n- nom: Atelier\n", 1, "le fichier doit contenir des champs")
w("scalaire.yml", "Garage solidaire\n", 1, "le fichier doit contenir des champs")
w("vide.yml", "", 1, "fichier vide")
w("commentaires-seulement.yml", "# rien à voir ici\n# toujours rien\n", 1, "fichier vide")
w("mauvais-types.yml", O.replace("nom: Garage solidaire", "nom: 12").replace("thematiques:\n  - mobilite--entretenir-reparer-son-vehicule", "thematiques: mobilite"), 2, "texte attendu")
w("lieux-texte.yml", O.replace(O[O.index("lieux:"):O.index("telephone:")], "lieux: 4 rue de la Gare\n"), 8, "liste attendue")
w("places-nombre.yml", O + "places: 3\n", 17, "groupe de champs attendu")
w("texte-enorme.yml", O.replace("Réparations à prix coûtant", "Réparations " + "très " * 30000), 3, "texte trop long")
w("nom-trop-long.yml", O.replace("nom: Garage solidaire", "nom: " + "Garage " * 40), 2, "texte trop long")
w("caracteres-de-controle.yml", O.replace("Réparations", "Répa\x07rations"), 3, "caractère de contrôle")
w("caractere-nul.yml", O.replace("Réparations", "Répa\x00rations"), 3, "caractère de contrôle")
w("unicode-invisible-partenaire.yml", O + "partenaires: [\"ccas\u200b-hostile\"]\n", 17, "identifiant invalide")
w("offre\u200binvisible.yml", O, 1, "nom de fichier invalide")
w("Mon Offre.yml", O, 1, "nom de fichier invalide")
w("MAJUSCULES.yml", O, 1, "nom de fichier invalide")
w("point..point.yml", O, 1, "nom de fichier invalide")
w("doublon.yaml", O, None, None)
w("doublon.yml", O, 1, "même identifiant")
w("lien-javascript.yml", O + "lien_mobilisation: javascript:alert(document.cookie)\n", 17, "adresse web invalide")
w("lien-data.yml", O + "lien_mobilisation: \"data:text/html,<script>alert(1)</script>\"\n", 17, "adresse web invalide")
w("courriel-injection.yml", O + "courriel: \"a@example.org\\nBcc: victime@example.org\"\n", 17, "adresse électronique invalide")
w("telephone-texte.yml", O.replace("telephone: 01 99 00 10 11", "telephone: appelez-nous"), 15, "numéro de téléphone invalide")
w("date-impossible.yml", O.replace("date_maj: 2026-11-02", "date_maj: 2026-13-45"), 16, "date")
w("nombre-enorme.yml", O + "places:\n  total: 99999999999999999999999999\n  disponibles: 1\n  date: 2026-11-01\n", 18, "valeur trop grande")
w("nan.yml", O.replace("    latitude: 48.6139", "    latitude: .nan"), 13, "nombre")
w("tag-python.yml", O + "age_min: !!python/object/apply:os.system [\"echo pwned\"]\n", 17, "étiquette YAML")
w("cle-de-fusion.yml", "base: &b {nom: Garage}\n<<: *b\n", 2, "ancres et alias")
w("plusieurs-documents.yml", O + "---\nnom: Autre\n", 17, "un seul document par fichier")
w("cle-non-texte.yml", O + "12: douze\n", 17, "nom de champ invalide")
w("cle-nulle.yml", O + "~: rien\n", 17, "nom de champ invalide")
w("liste-immense.yml", O + "mots_cles:\n" + "".join(f"  - mot{i}\n" for i in range(5000)), 17, "liste trop longue")
w("zone-chemin.yml", O.replace('zone_eligibilite: ["91"]', 'zone_eligibilite: ["../../etc"]'), 7, "code de territoire inconnu")
w("virgule-decimale.yml", O.replace("    latitude: 48.6139", "    latitude: 48,6139"), 13, "nombre attendu")
w("statut-oui.yml", O + "statut: yes\n", 17, "valeur inconnue « yes »")
w("champ-inconnu-imbrique.yml", O.replace("    commune: Corbeil-Essonnes", "    commune: Corbeil-Essonnes\n    ville: Corbeil"), 12, "champ inconnu « ville »")
w("horaires-absurdes.yml", O + "horaires_accueil: \"24/7/7 ;;; Mo-Zz\"\n", 17, "horaires illisibles")
w("ligne-immense.yml", O.replace("nom: Garage solidaire", "nom: " + "x" * 900_000), 2, "texte trop long")
w("identifiant-d-un-autre.yml", O + "id: ccas-hostile/valide\n", 17, "champ inconnu « id »")
orphan = root / "dossier-sans-structure"
orphan.mkdir(exist_ok=True)
w("orpheline.yml", O, 1, "n'a pas de fichier structure.yml", folder=orphan)
w("partenaire-fantome.yml", O + "partenaires: [structure-fantome]\n", 17, "structure partenaire inconnue")
link = s / "lien-symbolique.yml"
if link.is_symlink() or link.exists():
    link.unlink()
os.symlink("../../../../../../../../etc/passwd", link)
cases[str(link.relative_to(root.parent))] = [1, "lien symbolique refusé"]
(root.parent / "attendu.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
print(len(cases))
