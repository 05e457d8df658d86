"""Helpers for benchmarks: medians of repeated timings, and a result row."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    figure: str
    measured: float
    target: float | None  # None: no target in the issue, a figure for reference
    unit: str = "s"  # "s", "ms", "Mo", "×"
    note: str = ""

    @property
    def met(self) -> bool:
        return self.target is None or self.measured <= self.target

    @property
    def met_text(self) -> str:
        return "reference" if self.target is None else "yes" if self.met else "**no**"

    def _fmt(self, value: float) -> str:
        if self.unit == "ms":
            return f"{value * 1000:.1f} ms" if value < 1 else f"{value * 1000:.0f} ms"
        if self.unit == "s":
            return f"{value:.3f} s"
        if self.unit == "×":
            return f"{value:.2f}×"
        return f"{value:.0f} {self.unit}"

    @property
    def measured_text(self) -> str:
        return self._fmt(self.measured)

    @property
    def target_text(self) -> str:
        return "—" if self.target is None else f"≤ {self._fmt(self.target)}"


def median_time(action: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of `action` in seconds, after `warmup` untimed runs."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
