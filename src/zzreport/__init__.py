"""zzreport: Zhengzhou's 2024 government work report as a tidy, traceable data set.

The names below are loaded on first use (PEP 562): ``import zzreport`` alone does not import
pandas, so the command line and the build's worker processes, which only need the package's
light modules (paths, schema, text), start without it. ``zzreport.load_indicators``,
``from zzreport import target_pairs`` and ``zzreport.scorecard()`` load what they need.
These names are the public API: the README and the notebooks use them; where each lives is
in ``_LAZY`` and the README's "How the code is organised".
"""

from __future__ import annotations

import importlib

# name -> the module that defines it: the data layer, then the findings by question
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
    "target_pairs": "findings.pairs",
    "backcast": "findings.pairs",
    "yoy_facts": "findings.pairs",
    "headline_targets": "findings.headline",
    "gdp_target_facts": "findings.headline",
    "glance_facts": "findings.glance",
    "required_growth": "findings.feasibility",
    "growth_baseline": "findings.feasibility",
    "difficulty_summary": "findings.feasibility",
    "difficulty_by_band": "findings.feasibility",
    "difficulty_facts": "findings.feasibility",
    "momentum_scenario": "findings.momentum",
    "scenario_facts": "findings.momentum",
    "consistency_checks": "findings.consistency",
    "scorecard": "findings.scorecard",
    "judged": "findings.scorecard",
    "scorecard_facts": "findings.scorecard",
    "track_record": "findings.record",
    "record_summary": "findings.record",
    "tolerance_sensitivity": "findings.record",
    "gdp_record_facts": "findings.record",
    "record_facts": "findings.record",
    "target_ratchet": "findings.ratchet",
    "ratchet_summary": "findings.ratchet",
    "peer_scorecard": "findings.peers",
    "peer_facts": "findings.peers",
    "henan_targets": "findings.henan_cities",
    "henan_targets_facts": "findings.henan_cities",
    "premium_record": "findings.hierarchy",
    "amplification_facts": "findings.hierarchy",
    "target_ladder": "findings.hierarchy",
    "rest_of_henan": "findings.rest_of_henan",
    "gdp_history": "findings.hierarchy",
    "feasibility_vs_outcome": "findings.hindsight",
    "hindsight_facts": "findings.hindsight",
    "rd_facts": "findings.rd",
    "miss_facts": "findings.scorecard",
    "theme_facts": "findings.glance",
}

__all__ = sorted(_LAZY)
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
