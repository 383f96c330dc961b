"""Jinja2 token stream: template texts translated when the template is compiled."""

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

from generator import i18n


class TranslatedAtCompileTime(Extension):
    """`_("Texte")` in a template is replaced, when the template is compiled, by its translation in the
    environment's language (`translation_language`): a page's fixed texts are written into the compiled
    template, as if typed there, instead of being looked up at each render (a fifth of the time of an
    offer page). `_("Texte %(x)s", x=…)` keeps a call, with the translated text, that formats after
    escaping the values. Translations are trusted text (they come from the repository's .po files)."""

    def filter_stream(self, stream):
        translations = i18n.translations(self.environment.translation_language)  # type: ignore[attr-defined]
        tokens = list(stream)
        out = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            call = tokens[i:i + 4]
            if (
                tok.type == "name" and tok.value in ("_", "gettext") and len(call) == 4
                and call[1].type == "lparen" and call[2].type == "string" and call[3].type in ("rparen", "comma")
                and not (out and out[-1].type == "dot")
            ):
                line = tok.lineno
                text = Token(line, "string", translations.gettext(call[2].value))
                if call[3].type == "rparen":  # a constant: folded into the template's text
                    out += [Token(line, "lparen", "("), text, Token(line, "pipe", "|"), Token(line, "name", "safe"), Token(line, "rparen", ")")]
                else:
                    out += [Token(line, "name", "_format"), call[1], text, call[3]]
                i += 4
                continue
            out.append(tok)
            i += 1
        return TokenStream(iter(out), stream.name, stream.filename)
