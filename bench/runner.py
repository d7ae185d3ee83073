"""Run whole processes in turn and compare them: wall time and peak memory (RSS).

Machines here are noisy, so each command runs several times, alternating with
its baseline, and we report medians and the ratio. Not a test: run it by hand.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence


def run_once(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS in KiB and CPU seconds (user + system) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed ({status}): {err}")
    # ru_maxrss is KiB on Linux. CPU time is steadier than wall time on a busy machine.
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def compare(
    name: str,
    ours: Sequence[str],
    base: Sequence[str],
    rounds: int = 7,
    env: dict[str, str] | None = None,
) -> dict[str, float]:
    env = dict(os.environ, **(env or {}))
    run_once(ours, env)  # warm the file cache for both
    run_once(base, env)
    t_ours: list[float] = []
    t_base: list[float] = []
    m_ours: list[int] = []
    m_base: list[int] = []
    c_ours: list[float] = []
    c_base: list[float] = []
    for _ in range(rounds):
        t, m, c = run_once(ours, env)
        t_ours.append(t)
        m_ours.append(m)
        c_ours.append(c)
        t, m, c = run_once(base, env)
        t_base.append(t)
        m_base.append(m)
        c_base.append(c)
    result = {
        "ours_s": statistics.median(t_ours),
        "base_s": statistics.median(t_base),
        "ours_mib": statistics.median(m_ours) / 1024,
        "base_mib": statistics.median(m_base) / 1024,
    }
    result["ours_cpu_s"] = statistics.median(c_ours)
    result["base_cpu_s"] = statistics.median(c_base)
    result["time_ratio"] = result["ours_s"] / result["base_s"]
    result["cpu_ratio"] = result["ours_cpu_s"] / result["base_cpu_s"]
    result["memory_ratio"] = result["ours_mib"] / result["base_mib"]
    print(f"{name} ({rounds} rounds each, alternating, medians)")
    print(f"  ours:     {result['ours_s']:.3f} s wall  {result['ours_cpu_s']:.3f} s cpu  "
          f"{result['ours_mib']:.1f} MiB   {' '.join(ours)}")
    print(f"  baseline: {result['base_s']:.3f} s wall  {result['base_cpu_s']:.3f} s cpu  "
          f"{result['base_mib']:.1f} MiB   {' '.join(base)}")
    print(f"  ratio:    time {result['time_ratio']:.2f}x (cpu {result['cpu_ratio']:.2f}x)   "
          f"peak memory {result['memory_ratio']:.2f}x")
    return result


PYTHON = sys.executable
