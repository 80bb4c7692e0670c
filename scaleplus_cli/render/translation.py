"""Jinja's i18n extension for the templates: _("..."), gettext, ngettext and {% trans %} in the
document's language, and in_language(code) to switch it inside a template (the combined commitment
sheets speak each stakeholder's language)."""

from __future__ import annotations

from typing import Any, Callable

from scaleplus_cli.documents.formatting import language


def install(env: Any, code: str = "en", *, escape: bool = False) -> Callable[[str | None], None]:
    """Adds the i18n extension to env, speaking `code`; returns speak(code), which sets the language of
    the next document rendered with env (a template compiled once for many letters).
    escape: the environment autoescapes (Word), so a translation is escaped like any other text
    (Jinja would otherwise take it as markup, and an & in it would break the document)."""
    from markupsafe import escape as escaped

    speaking = {"document": code, "language": language(code)}

    def out(text: str) -> str:
        return escaped(text) if escape else text

    def gettext(message: str) -> str:
        return out(speaking["language"].translations.gettext(message))

    def ngettext(singular: str, plural: str, n: int) -> str:
        return out(speaking["language"].translations.ngettext(singular, plural, n))

    def in_language(code: str | None) -> str:
        """Speak code from here on (the document's language when code is empty); prints nothing."""
        speaking["language"] = language(code or speaking["document"])
        return ""

    def speak(code: str | None) -> None:
        speaking["document"] = code or "en"
        speaking["language"] = language(code)

    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["in_language"] = in_language
    return speak
