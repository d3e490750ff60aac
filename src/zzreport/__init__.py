"""zzreport: Zhengzhou's 2024 government work report as a tidy, traceable data set."""

from __future__ import annotations

from .data import DataError, load_external, load_indicators, source_text
from .units import SCALES, base_unit, convert, split_unit, to_base_units

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
]
__version__ = "0.1.0"

from .analysis import (  # noqa: E402  (the data layer above is what the analysis builds on)
    backcast,
    consistency_checks,
    headline_targets,
    momentum_scenario,
    required_growth,
    target_pairs,
)

__all__ += ["backcast", "consistency_checks", "headline_targets", "momentum_scenario", "required_growth",
            "target_pairs"]
