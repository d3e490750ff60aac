"""Prose from templates: the words live in ``templates/prose/{en,zh}/*.md.j2``, one file per
passage and language, and Python passes them facts only.

Templates see the facts a function computed and a few filters, so a writer can change a
sentence, or write the Chinese in its own order, without touching code:

- ``number``, ``percent``, ``points``, ``quantity``: numbers formatted as tables format them;
- ``join``: a list as "a, b and c" / "a、b和c" (an empty list is an error, not "");
- ``plural(n, singular, plural)``: the English noun for a count;
- ``label(key)``, ``name(row)``, ``short_name(row)``, ``quality(grade)``, ``geo(slug)``,
  ``theme(slug)``: short texts from ``words.toml``;
- ``sign_word(value, key)``: ``key.above``, ``key.below`` or ``key.equal`` by the sign of
  ``value`` — direction words come from the numbers, never from a template's text;
- ``bound_word(bound)``: the word for a bound (以上/at least, 左右/about), "" when exact.

Lists are built in templates with the ``do`` extension (``{% do items.append(...) %}``).

Undefined names fail loudly (``StrictUndefined``): a template cannot silently print nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from zzreport.words import text

PROSE_DIR = Path(__file__).parent / "templates" / "prose"
LANGS = text.LANGS


def _join(items: list[str], lang: str) -> str:
    items = list(items)
    if not items:
        raise ValueError("join() was given an empty list: the template must test for it first")
    return text.join(items, lang)


@cache
def environment(lang: str) -> jinja2.Environment:
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r} is not allowed; expected one of {', '.join(LANGS)}")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PROSE_DIR / lang),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        number=lambda value, digits=1: text.number(value, digits),
        percent=lambda value, digits=1, signed=False: text.percent(value, digits, signed),
        points=lambda value, digits=1: text.points(value, lang, digits),
        quantity=lambda value, unit: text.quantity(value, unit, lang),
        join=lambda items: _join(items, lang),
        label=lambda key: text.label(key, lang),
        name=lambda row: text.indicator_name(row, lang),
        short_name=lambda row: text.short_name(row, lang),
        quality=lambda grade: text.quality(grade, lang),
        geo=lambda slug: text.geo(slug, lang),
        theme=lambda slug: text.section_name(slug, lang),
        sign_word=lambda value, key: text.sign_word(value, key, lang),
        bound_word=lambda bound: text.bound_word(bound, lang),
        with_quality=lambda shown, grade: text.with_quality(shown, grade, lang),
    )
    env.globals["plural"] = lambda n, singular, plural: singular if n == 1 else plural
    return env


def render(name: str, lang: str, **facts: object) -> str:
    """The passage ``name`` (``templates/prose/{lang}/{name}.md.j2``) with ``facts``."""
    return environment(lang).get_template(f"{name}.md.j2").render(**facts).strip()
