"""Validation of notebook and command parameters, with messages that name the parameter, the
bad value and the allowed values (papermill shows them as the notebook's error)."""

from __future__ import annotations

from collections.abc import Callable

from zzreport.data import schema

LANGUAGES: tuple[str, ...] = ("en", "zh")


def validate_lang(lang: object) -> str:
    """``lang`` must be "en" or "zh"."""
    if lang not in LANGUAGES:
        raise ValueError(
            f"parameter lang={lang!r} is not allowed; expected one of "
            f"{', '.join(repr(x) for x in LANGUAGES)}"
        )
    return str(lang)


def validate_theme(theme: object) -> str:
    """``theme`` must be one of the report's eight section slugs."""
    if theme not in schema.SECTIONS:
        raise ValueError(
            f"parameter theme={theme!r} is not allowed; expected one of "
            f"{', '.join(repr(x) for x in schema.SECTIONS)}"
        )
    return str(theme)


def _momentum(value: object) -> float:
    # analysis (and with it pandas) imported here: the build validates lang and theme before
    # any notebook runs, in a process that needs no pandas.
    from zzreport.findings.momentum import MOMENTUM_RANGE, validate_momentum

    try:
        return validate_momentum(value)
    except ValueError as error:
        low, high = MOMENTUM_RANGE
        raise ValueError(
            f"parameter momentum={value!r} is not allowed; expected a finite "
            f"number from {low:g} to {high:g} ({error})"
        ) from None


VALIDATORS: dict[str, Callable[[object], object]] = {
    "lang": validate_lang,
    "theme": validate_theme,
    "momentum": _momentum,
}


def check(**parameters: object) -> dict[str, object]:
    """Validate notebook parameters by name; unknown names are refused too."""
    checked = {}
    for name, value in parameters.items():
        if name not in VALIDATORS:
            raise ValueError(
                f"unknown parameter {name!r}; expected one of {', '.join(sorted(VALIDATORS))}"
            )
        checked[name] = VALIDATORS[name](value)
    return checked
