"""The language of the reports: English, or Chinese (``--lang zh``, or a Chinese locale).

Every sentence mpsim shows a person - the text report, the HTML report, the explanations, the
fixes, the notes, the results in a trace - goes through ``_()`` (``ngettext()`` for counts), which
looks it up in the gettext catalogue of the language in use.  Messages are English in the code;
``mpsim/locale/zh_CN/LC_MESSAGES/mpsim.po`` holds their Chinese, with the tutorial's terms (进程,
锁, 死锁, 守护进程...).  The catalogues are managed with Babel (``make catalog``: extract the
messages with ``babel.cfg``'s keywords and update the ``.po``).  Only the ``.po`` is kept: Babel
compiles it in memory the first time a language is used (no generated ``.mo`` to keep in step, and
an installed mpsim, which ships the ``.po``, needs no build step).  tests/test_i18n.py checks that
every message in the code has a translation.

Code, names and values stay as the program wrote them: ``lock_a.acquire()``, ``worker-1``,
``True``.  A message with values in it is written with named fields (``"{who} waits"``) and
formatted after translation, so a translation may put them in its own order.

``N_()`` marks a message for the catalogue where it is defined (a table, a primitive's note); it
is translated where it is shown.  ``Note`` is a note with values in it: its ``str`` is the English
text, and ``render`` gives it translated with its processes named.
"""
from __future__ import annotations

import contextlib
import functools
import gettext
import io
import os

DOMAIN = "mpsim"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
LANGUAGES = {"en": "English", "zh": "中文 (Chinese)"}
_CATALOGUES = {"zh": "zh_CN"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def use(language: str | None) -> str:
    """Show reports in ``language`` ("en" or "zh"; None: from the environment's locale).
    Returns the language now in use."""
    global _translation, _language
    if language is None:
        language = from_environment()
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (one of: {', '.join(LANGUAGES)})")
    catalogue = _CATALOGUES.get(language)
    _translation = _compiled(catalogue) if catalogue else gettext.NullTranslations()
    _language = language
    return language


@contextlib.contextmanager
def speaking(language: str | None):
    """``use(language)`` for the time of a ``with`` block, then the language used before."""
    before = _language
    try:
        yield use(language)
    finally:
        use(before)


def po_path(catalogue: str) -> str:
    return os.path.join(LOCALE_DIR, catalogue, "LC_MESSAGES", DOMAIN + ".po")


@functools.lru_cache(maxsize=None)
def _compiled(catalogue: str) -> gettext.GNUTranslations:
    """The catalogue's ``.po``, compiled by Babel in memory (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po_path(catalogue), "rb") as f:
        messages = read_po(f, locale=catalogue, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, messages)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def language() -> str:
    return _language


def from_environment(env=None) -> str:
    """The language the locale asks for, as gettext reads it: the first of LANGUAGE, LC_ALL,
    LC_MESSAGES and LANG that is set; Chinese if it names Chinese (``zh_CN.UTF-8``), else
    English."""
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            first = value.split(":")[0]
            return "zh" if first.lower().startswith("zh") else "en"
    return "en"


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _translation.gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated where it is shown."""
    return message


class Note(str):
    """A few words with values in them, for a trace or a state (``Note(N_("wakes {who}"),
    who=Procs(idents))``): ``str()`` is the English text (idents as they are), ``render(name)``
    the translated text with each process named by ``name``."""

    def __new__(cls, template: str, **values):
        text = template.format(**{k: _plain(v) for k, v in values.items()})
        note = super().__new__(cls, text)
        note.template = template
        note.values = values
        return note

    def __reduce__(self):
        return (_note, (self.template, tuple(self.values.items())))

    def render(self, name) -> str:
        return _(self.template).format(**{k: _shown(v, name) for k, v in self.values.items()})


def _note(template, values):
    return Note(template, **dict(values))


class Procs(tuple):
    """Process idents in a ``Note``: shown by their names."""


def _plain(value):
    return ", ".join(map(str, value)) if isinstance(value, Procs) else value


def _shown(value, name):
    return ", ".join(name(i) for i in value) if isinstance(value, Procs) else value


def render(note, name) -> str:
    """A note as a report shows it: translated, with processes named."""
    if isinstance(note, Note):
        return note.render(name)
    return _(note)
