"""``imgstudio self-test``: open the main window (offscreen) and run a tiny job on every tab.

Prints one line per check (unless ``--json``) and the JSON report as the last line; exit 0
only when every check passed. The checks are in :mod:`imgstudio.ui.selftest`.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_FAILED = 0, 1


def cmd_self_test(args: argparse.Namespace) -> int:
    from imgstudio.ui.selftest import CheckResult, format_result, run_self_test

    def progress(result: CheckResult) -> None:
        print(format_result(result), file=sys.stderr if args.json else sys.stdout, flush=True)

    limits = {} if args.timeout is None else {"timeout_s": args.timeout}
    report = run_self_test(args.keep, display=args.display, progress=progress, **limits)
    if not args.json:
        passed = sum(c["ok"] for c in report["checks"])
        print(f"{passed} passed, {len(report['checks']) - passed} failed", flush=True)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return EXIT_OK if report["ok"] else EXIT_FAILED


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``self-test`` to the ``imgstudio`` sub-commands."""
    parser = sub.add_parser(
        "self-test", help="open the window offscreen and run a tiny job on every tab; last line is a JSON report"
    )
    parser.add_argument("--json", action="store_true", help="only the JSON report on stdout (progress on stderr)")
    parser.add_argument("--keep", metavar="DIR", help="keep the run folder, outputs and a screenshot per check here")
    parser.add_argument("--timeout", type=float, help="seconds a check may wait for its job (default 180)")
    parser.add_argument("--display", action="store_true", help="show the window on the screen, not offscreen")
    parser.set_defaults(func=cmd_self_test)
