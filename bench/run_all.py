"""Run every benchmark script of bench/ (bench_*.py, then batch_* and tm_* scripts with main).

Usage: python bench/run_all.py [--quick]   (--quick: MAC fast mode only)
Each script writes its own results under bench/results/.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    found = sorted(BENCH.glob("bench_*.py"))
    for pattern in ("batch_*.py", "tm_*.py"):
        for path in sorted(BENCH.glob(pattern)):
            if "__main__" in path.read_text(encoding="utf-8"):
                found.append(path)
    return found


def main() -> int:
    quick = "--quick" in sys.argv
    failures = 0
    for script in scripts():
        args = [sys.executable, str(script)]
        if quick and script.name == "bench_mac.py":
            args += ["--modes", "fast"]
        start = time.perf_counter()
        code = subprocess.run(args, check=False).returncode
        print(f"{script.name}: exit {code} in {time.perf_counter() - start:.1f} s", flush=True)
        failures += code != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
