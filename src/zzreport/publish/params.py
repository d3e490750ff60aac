"""Notebook parameters: what each notebook's cell tagged ``parameters`` accepts (read as
papermill reads it), command-line values, and validation with messages that name the
parameter, the bad value and the allowed values (papermill shows them as the notebook's
error: each notebook calls ``check`` right after its parameters cell)."""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zzreport.data import schema
from zzreport.words.text import LANGS

#: The editions' languages: ``words.text.LANGS``, the one list.
LANGUAGES: tuple[str, ...] = LANGS

#: A parameter whose help comment reads ``one of: a, b, c`` lists its allowed values; the
#: build runs such a notebook once per value (unless the value is given on the command line).
CHOICES_PREFIX = "one of:"


# --- what a notebook accepts ------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """One parameter of a notebook's cell tagged ``parameters``, as papermill reads it."""

    name: str
    default: object
    help: str
    choices: tuple[str, ...] = ()


def parameter_specs(notebook: Path) -> dict[str, Parameter]:
    """The parameters a notebook accepts, read with ``papermill.inspect_notebook`` from its cell
    tagged ``parameters``: default (a literal) and help comment, and the allowed values when
    the comment reads ``one of: a, b, c``. Raises ValueError naming the notebook and the
    parameter for a default that is not a literal or not among its allowed values.

    Read once per process and file version (path, size, modification time): the command
    checks the plan before it builds, and builds each edition from it."""
    try:
        stat = Path(notebook).stat()
    except OSError:
        return _parameter_specs(str(notebook), -1, -1)  # papermill's error names the file
    return dict(_parameter_specs(str(notebook), stat.st_size, stat.st_mtime_ns))


@functools.lru_cache(maxsize=64)
def _parameter_specs(notebook: str, _size: int, _mtime_ns: int) -> dict[str, Parameter]:
    # papermill imported here: every notebook imports this module (for check) in its kernel
    import papermill

    try:
        inspected = papermill.inspect_notebook(str(notebook))
    except Exception as error:
        raise ValueError(
            f"{Path(notebook).name}: papermill cannot read its parameters "
            f"({type(error).__name__}: {error})"
        ) from None
    specs = {}
    for name, found in inspected.items():
        try:
            default = ast.literal_eval(found["default"])
        except (ValueError, SyntaxError):
            raise ValueError(
                f"{Path(notebook).name}: parameter {name} = {found['default']} is "
                "not a literal; a parameters cell assigns literals only"
            ) from None
        help_text = (found.get("help") or "").strip()
        choices: tuple[str, ...] = ()
        if help_text.startswith(CHOICES_PREFIX):
            choices = tuple(v.strip() for v in help_text[len(CHOICES_PREFIX) :].split(","))
            if not all(v.isidentifier() for v in choices):
                raise ValueError(
                    f"{Path(notebook).name}: parameter {name} lists allowed values "
                    f"{help_text[len(CHOICES_PREFIX) :].strip()!r}; expected "
                    "'one of: a, b, c' with slugs separated by commas"
                )
            if default not in choices:
                raise ValueError(
                    f"{Path(notebook).name}: parameter {name}'s default "
                    f"{default!r} is not one of its allowed values "
                    f"{', '.join(choices)}"
                )
        specs[name] = Parameter(name, default, help_text, choices)
    return specs


def notebook_parameters(notebook: Path) -> dict[str, object]:
    """The parameters a notebook accepts, with their defaults (see ``parameter_specs``)."""
    return {name: spec.default for name, spec in parameter_specs(notebook).items()}


def parse_value(text: str) -> object:
    """A command-line value as papermill's ``-p`` reads it: int, float, bool or string."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    if text in ("True", "False"):
        return text == "True"
    return text


# --- validation -------------------------------------------------------------------------------


def validate_lang(lang: object) -> str:
    """``lang`` must be one of ``LANGUAGES``."""
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
