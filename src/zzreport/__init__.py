"""zzreport: Zhengzhou's 2024 government work report as a tidy, traceable data set.

The names below are loaded on first use (PEP 562): ``import zzreport`` alone does not import
pandas, so the command line and the build's worker processes, which only need the package's
light modules (paths, schema, text), start without it. ``zzreport.load_indicators``,
``from zzreport import target_pairs`` and ``zzreport.findings.analysis`` work as before.
"""

from __future__ import annotations

import importlib

# name -> the module that defines it: the data layer first, the analysis built on it
_LAZY = {
    "DataError": "data.load",
    "load_external": "data.load",
    "load_indicators": "data.load",
    "source_text": "data.load",
    "SCALES": "data.units",
    "base_unit": "data.units",
    "convert": "data.units",
    "split_unit": "data.units",
    "to_base_units": "data.units",
    "backcast": "findings.analysis",
    "consistency_checks": "findings.analysis",
    "headline_targets": "findings.analysis",
    "momentum_scenario": "findings.analysis",
    "required_growth": "findings.analysis",
    "target_pairs": "findings.analysis",
}

__all__ = [
    "DataError",
    "SCALES",
    "base_unit",
    "convert",
    "load_external",
    "load_indicators",
    "source_text",
    "split_unit",
    "to_base_units",
    "backcast",
    "consistency_checks",
    "headline_targets",
    "momentum_scenario",
    "required_growth",
    "target_pairs",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """A public name or a submodule, imported the first time it is asked for."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    elif name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    else:
        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
