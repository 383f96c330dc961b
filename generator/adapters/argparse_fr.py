"""argparse's own messages, in French.

argparse speaks English and offers no way to translate its messages but replacing the module's
``_`` function (its gettext hook): `install()` does that. tests/adapters checks that each message
below is still one argparse uses, so that a new Python version cannot bring English back silently.
"""

import argparse

# The few messages a user can meet, in French.
MESSAGES = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur attendue",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
}


def install() -> None:
    """argparse's messages in French from now on."""
    argparse._ = lambda text: MESSAGES.get(text, text)  # type: ignore[attr-defined]
