"""Time and memory of `kg build` on one large document: 100 kB, 1 MB, a 5 MB single line, 30 MB.

Each document is composed deterministically (from ``--seed``) of sentences written here, over a
small vocabulary of actors, relations, dates and numbers, in paragraphs of three to six
sentences; the 5 MB one is a single line (no newline at all). A small good file sits beside
it. Each size is built into a fresh store by a child process running the real pipeline under a
memory cap (``--memory-gb``) and a time-out (``--timeout``); per size it prints the seconds the
build took, the child's peak RSS (and its RSS once the pipeline was loaded), the assertions
found, the documents added and any failure line, then the ratio time(1 MB) / time(100 kB).

Run: .venv/bin/python bench/large.py [--sizes 100k,1m,5m-line,30m]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: name -> (characters, one line)
SIZES = {
    "100k": (100_000, False),
    "1m": (1_000_000, False),
    "5m-line": (5_000_000, True),
    "30m": (30_000_000, False),
}

STATES = ("Russia", "China", "North Korea", "Iran", "Ukraine", "Belarus", "the United States",
          "Turkey", "Poland", "Japan", "South Korea", "India", "Pakistan", "Hungary", "Israel",
          "Syria", "Egypt", "Kazakhstan", "Armenia", "Venezuela")  # fmt: skip
GROUPS = ("NATO", "the European Union", "the CSTO", "ASEAN", "the African Union", "BRICS")
PEOPLE = (("Vladimir Putin", "Putin"), ("Kim Jong Un", "Kim"), ("Xi Jinping", "Xi"))
ITEMS = ("drones", "artillery shells", "missiles", "grain", "fuel", "tanks")
MONTHS = ("January", "March", "June", "October", "December")
FILLER = (
    "Observers met again in the capital and talked for hours about the economy.",
    "The talks covered trade, energy and the price of grain.",
    "Few details were given to the press after the meeting.",
    "Analysts disagree about what the visit means for the region.",
    "The weather delayed several flights that week.",
)


def _sentence(rng: random.Random) -> str:
    a, b = rng.sample(STATES, 2)
    group = rng.choice(GROUPS)
    item = rng.choice(ITEMS)
    full, short = rng.choice(PEOPLE)
    n = rng.choice((300, 1_200, 3_000, 10_000, 12_000))
    when = f"In {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"
    templates = (
        f"{a} supplies {b} with {item}.",
        f"{when}, {a} sent {n:,} troops to {b}.",
        f"{a} imposed sanctions on {b} over its support for {group}.",
        f"{a} and {b} signed a defence pact in {rng.choice(MONTHS)}.",
        f"{a} condemned the attack on {b}.",
        f"The country has also provided {b} with {n:,} {item}.",
        f"Estimates of their numbers range from {n:,} to {n * 3:,}.",
        f"{a} is a member of {group}.",
        f"According to officials, {a} could deploy troops to {b} next year.",
        f"{full} said {a} would not recognise {b}.",
        f"{short} accused {b} of backing {a}.",
        f"This alliance worries {b}, which opposes {a}.",
        f"Both countries condemned the invasion of {b}.",
        f"{a}'s troop deployment to {b} surprised {group}.",
        f"{a}, an ally of {b}, denied any plans to attack {group}.",
    )
    return rng.choice(templates + FILLER)


def compose(chars: int, *, seed: int = 0, single_line: bool = False) -> str:
    """A document of about ``chars`` characters: paragraphs of three to six sentences separated
    by blank lines, or with ``single_line`` all of them on one line."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < chars:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return (" " if single_line else "\n\n").join(paragraphs) + ("" if single_line else "\n")


# ---------------------------------------------------------------------- the child that builds


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def child(folder: Path, store_path: Path) -> None:
    """Build ``folder`` into a fresh store and print one JSON line of figures."""
    sys.path.insert(0, str(ROOT))
    from kg.build import build
    from kg.extract.pipeline import build_pipeline
    from kg.store import Store

    nlp = build_pipeline()
    loaded = _rss_mb()
    failed: list[str] = []
    started = time.perf_counter()
    with Store(store_path) as store:
        report = build([folder], store, nlp, on_error=failed.append)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rss_mb": _rss_mb(),
                "loaded_mb": loaded,
                "assertions": report.assertions,
                "added": sorted(report.added),
                "failed": failed,
            }
        )
    )


def run_size(name: str, *, seed: int, timeout: float, memory_gb: float) -> dict:
    chars, single_line = SIZES[name]
    with tempfile.TemporaryDirectory(prefix="entente-large-") as work:
        folder = Path(work) / "docs"
        folder.mkdir()
        (folder / f"large-{name}.txt").write_text(
            compose(chars, seed=seed, single_line=single_line), encoding="utf-8"
        )
        (folder / "good.txt").write_text("Iran supplies Russia with drones.\n", encoding="utf-8")
        cap = int(memory_gb * 2**30)

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

        command = [sys.executable, __file__, "--child", str(folder), str(Path(work) / "store")]
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limit
        )
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return {"timeout": timeout}
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if process.returncode or not lines:
            last = (err.strip().splitlines() or ["no output"])[-1]
            return {"crashed": f"exit {process.returncode}: {last}",
                    "seconds": time.perf_counter() - started}  # fmt: skip
        return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help=f"any of {', '.join(SIZES)}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per size")
    parser.add_argument("--memory-gb", type=float, default=8, help="address-space cap per build")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: pick from {', '.join(SIZES)}")
    seconds: dict[str, float] = {}
    print(f"{'size':8} {'seconds':>9} {'peak RSS':>10} {'loaded':>8} {'assertions':>10}  documents")
    for name in sizes:
        result = run_size(name, seed=args.seed, timeout=args.timeout, memory_gb=args.memory_gb)
        if "timeout" in result:
            print(f"{name:8} {'> ' + format(args.timeout, '.0f'):>9}  (killed at the time-out)")
            continue
        if "crashed" in result:
            print(f"{name:8} {result['seconds']:9.1f}  crashed: {result['crashed']}")
            continue
        seconds[name] = result["seconds"]
        print(
            f"{name:8} {result['seconds']:9.1f} {result['rss_mb']:8.0f}MB "
            f"{result['loaded_mb']:6.0f}MB {result['assertions']:10d}  "
            f"added {', '.join(result['added']) or 'none'}"
        )
        for line in result["failed"]:
            print(f"{'':8} failed: {line}")
    if "100k" in seconds and "1m" in seconds:
        print(f"time(1m) / time(100k) = {seconds['1m'] / seconds['100k']:.1f}  (goal <= ~10)")


if __name__ == "__main__":
    main()
