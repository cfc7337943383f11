"""The timing every benchmark script here reports: median and p95 in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int,
          clock: Callable[[], float] = time.perf_counter) -> tuple[float, float]:
    """Run ``fn`` ``repeat`` times; (median, p95) of the runs in ms, by ``clock``."""
    samples = []
    for _ in range(repeat):
        start = clock()
        fn()
        samples.append((clock() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]
