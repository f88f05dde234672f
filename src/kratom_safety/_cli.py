"""The ``kratom-safety`` command line."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

from ._check import DISCLAIMER, SUBSTANCES, Report, check
from ._cli_display import format_summary
from ._data import get_store
from ._errors import KratomSafetyError
from ._legal import RegulatoryStatus, regulatory_status
from ._models import AdverseEvent, DependenceSignal, Reference
from ._resolver import Match, resolve_many
from ._safety import adverse_events, dependence_signals
from ._schema import json_schema
from ._version import DATA_REVIEWED, DATA_VERSION, __version__
from .screen import screen_file

__all__ = ["main"]

_WIDTH = 100


def _version_line() -> str:
    return f"kratom-safety {__version__} (data {DATA_VERSION}, reviewed {DATA_REVIEWED})"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"kratom-safety: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="kratom-safety",
        description="Kratom interaction reference for health professionals (not medical advice).",
    )
    p.add_argument("--version", action="version", version=_version_line())
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="check a medication list against kratom interactions")
    c.add_argument(
        "medications",
        nargs="+",
        metavar="MED",
        help="medication strings ('-' reads lines from stdin)",
    )
    c.add_argument(
        "--substance",
        default="kratom",
        choices=SUBSTANCES,
        help="the kratom product used (default: kratom leaf products)",
    )
    c.add_argument("--json", action="store_true", help="print the report as JSON")

    r = sub.add_parser("resolve", help="show how medication strings resolve to ingredients")
    r.add_argument("texts", nargs="+", metavar="TEXT", help="medication strings ('-' reads stdin)")
    r.add_argument("--json", action="store_true", help="print JSON")

    a = sub.add_parser("adverse-events", help="list adverse-event records with figures")
    a.add_argument("--substance", choices=SUBSTANCES)
    a.add_argument("--system", help="organ system, e.g. hepatic, neurological")
    a.add_argument("--serious", action="store_true", help="serious events only")
    a.add_argument("--json", action="store_true", help="print JSON")

    d = sub.add_parser("dependence", help="list dependence, withdrawal and treatment records")
    d.add_argument("--substance", choices=SUBSTANCES)
    d.add_argument(
        "--kind", choices=("withdrawal", "prevalence", "risk_factor", "treatment", "neonatal")
    )
    d.add_argument("--json", action="store_true", help="print JSON")

    sc = sub.add_parser(
        "screen", help="screen a medication-list export (CSV or JSON Lines) patient by patient"
    )
    sc.add_argument(
        "input", metavar="FILE", help="input .csv, .jsonl or .ndjson file ('-': standard input)"
    )
    sc.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="output .csv or .jsonl regular file ('-': standard output; a symlink is written "
        "through to its target)",
    )
    sc.add_argument("--input-format", choices=("csv", "jsonl"), help="default: from extension")
    sc.add_argument("--output-format", choices=("csv", "jsonl"), help="default: from extension")
    sc.add_argument("--patient-column", default="patient_id", metavar="NAME")
    sc.add_argument("--medication-column", default="medication", metavar="NAME")
    sc.add_argument("--substance", default="kratom", choices=SUBSTANCES)
    sc.add_argument("--encoding", default="utf-8", help="input encoding (default utf-8)")
    prog = sc.add_mutually_exclusive_group()
    prog.add_argument("--progress", dest="progress", action="store_true", default=None)
    prog.add_argument("--no-progress", dest="progress", action="store_false")
    sc.add_argument("--json", action="store_true", help="print the closing summary as JSON")

    st = sub.add_parser("status", help="legal status of kratom and 7-OH in a jurisdiction")
    st.add_argument("jurisdiction", metavar="CODE", help="ISO 3166 code, e.g. US, US-FL, TH")
    st.add_argument("--json", action="store_true", help="print JSON")

    sub.add_parser("schema", help="print the JSON Schema of the report and of the data files")

    sv = sub.add_parser(
        "serve",
        help="run the CDS Hooks service, JSON API and counter page "
        '(needs pip install "kratom-safety[service]")',
    )
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    sv.add_argument("--port", type=_port, default=8080, help="TCP port (default 8080)")
    sv.add_argument("--workers", type=_workers, default=1, help="worker processes (default 1)")
    return p


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a TCP port: {text!r}")
    return int(text)


def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"workers must be 1 to 64, not {text!r}")
    return int(text)


def _serve(host: str, port: int, workers: int) -> int:
    """``serve``: the service is imported only here, so the rest works without the extra."""
    try:
        from ._service import serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("starlette", "uvicorn", "anyio"):
            raise
        print(
            "kratom-safety: error: 'serve' needs the optional service extra: "
            'pip install "kratom-safety[service]"',
            file=sys.stderr,
        )
        return 2
    return serve(host=host, port=port, workers=workers)


def _expand(items: Sequence[str], stdin: TextIO) -> list[str]:
    out: list[str] = []
    for item in items:
        if item == "-":
            out.extend(line.strip() for line in stdin if line.strip())
        else:
            out.append(item)
    return out


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, _WIDTH, initial_indent=indent, subsequent_indent=indent)


def format_report(report: Report) -> str:
    """The human-readable form of a report."""
    lines = [
        _version_line(),
        f"Substance: {', '.join(report.substances)}"
        + (
            f" (found in list: {', '.join(report.substances_detected_in_list)})"
            if report.substances_detected_in_list
            else ""
        ),
        "",
    ]
    if report.findings:
        head = f"{'ACTION':<10}{'SEVERITY':<10}{'EVIDENCE':<13}{'DRUG':<18}SUMMARY"
        lines += [head, "-" * len(head)]
        for f in report.findings:
            lines.append(
                f"{f.action:<10}{f.severity:<10}{f.evidence:<13}{f.ingredient:<18}{f.summary}"
            )
        lines.append("")
        ref_ids: dict[str, int] = {}
        for f in report.findings:
            lines.append(f"{f.interaction_id}  {f.ingredient} - {f.title}")
            lines.append(_wrap("Management: " + f.management, "    "))
            lines.append(_wrap("Evidence: " + f.evidence + ". " + f.evidence_rationale, "    "))
            if not f.property_verified:
                lines.append(
                    _wrap(
                        f"Matched by {f.matched_by}; this drug's class membership is not yet "
                        "verified in its source.",
                        "    ",
                    )
                )
            nums = []
            for r in f.references:
                ref_ids.setdefault(r.id, len(ref_ids) + 1)
                nums.append(f"[{ref_ids[r.id]}]")
            lines.append("    References: " + " ".join(nums))
        for c in report.cumulative_risks:
            lines += ["", _wrap("CUMULATIVE RISK: " + c.statement, "")]
        lines += ["", "References:"]
        refs = {r.id: r for f in report.findings for r in f.references}
        for rid, num in ref_ids.items():
            r = refs[rid]
            lines.append(
                _wrap(f"[{num}] {r.short}. {r.title.rstrip('.')}. {r.canonical_url}", "  ")
            )
        lines.append("")
    lines.append(_wrap(report.statement, ""))
    lines += ["", _wrap(report.disclaimer, "")]
    return "\n".join(lines)


def _format_safety(
    records: list[AdverseEvent] | list[DependenceSignal], refs: Mapping[str, Reference]
) -> str:
    lines = [_version_line(), ""]
    for r in records:
        head = r.event if isinstance(r, AdverseEvent) else r.title
        lines.append(f"{r.id}  {head}  [evidence: {r.evidence}]")
        lines.append(_wrap(r.description, "    "))
        for fig in r.figures:
            lines.append(_wrap(f"- {fig.label}: {fig.value} ({refs[fig.reference].short})", "    "))
        lines.append(_wrap("Sources: " + "; ".join(refs[x].short for x in r.references), "    "))
        lines.append("")
    if not records:
        lines.append("No record matches these filters.")
    lines.append(_wrap(DISCLAIMER, ""))
    return "\n".join(lines)


def _format_status(regs: list[RegulatoryStatus]) -> str:
    lines = [_version_line(), ""]
    for r in regs:
        status = r.status.replace("_", " ")
        if r.stale:
            status += f" (stale: {r.stale_reason}; last known: {r.last_known_status})"
        lines.append(f"{r.jurisdiction_name} [{r.jurisdiction}] - {r.substance}: {status}")
        dates = [f"confidence: {r.confidence}"]
        dates.append(f"checked {r.checked}" if r.checked else "no record in this data version")
        if r.effective:
            dates.append(f"effective {r.effective}")
        if r.expires:
            dates.append(f"expires {r.expires}")
        lines.append("    " + "; ".join(dates))
        if r.confidence == "reported":
            lines.append("    reported by news only: no official text could be read")
        lines.append(_wrap(r.detail, "    "))
        if r.note:
            lines.append(_wrap(f"Note: {r.note}", "    "))
        if r.pending_change:
            lines.append(_wrap(f"Pending (not in force): {r.pending_change.summary}", "    "))
        for src in r.sources:
            kind = src.kind if src.official else "news, secondary"
            lines.append(_wrap(f"- {src.publisher} ({kind}): {src.url}", "    "))
        lines.append("")
    lines.append("Not legal advice; check the official text.")
    lines.append(
        _wrap(
            "Legal status changes quickly; an unknown or not-controlled answer is not permission.",
            "",
        )
    )
    return "\n".join(lines)


def _format_match(text: str, m: Match | None) -> str:
    if m is None:
        return f"{text!r}: not recognised"
    if m.ambiguous:
        alts = " | ".join(" + ".join(a) for a in m.alternatives)
        return f"{text!r}: ambiguous ({m.name}): {alts}"
    extra = f"; unmatched: {', '.join(m.unmatched)}" if m.unmatched else ""
    return (
        f"{text!r}: {' + '.join(m.ingredients)}  [{m.kind} via {m.name!r}, score {m.score:.0f}"
        f"{extra}]"
    )


class _Signalled(BaseException):
    """SIGTERM arrived: unwinds like KeyboardInterrupt, so every temporary file is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: FrameType | None) -> None:
    # one signal is enough: ignore further ones while the cleanup runs
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise _Signalled(signum)


@contextmanager
def _signals_unwind() -> Iterator[None]:
    """SIGTERM and SIGINT raise, so that context managers remove their temporary files."""
    try:
        old = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    except ValueError:  # not the main thread: leave the handlers alone
        yield
        return
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None) -> int:
    try:
        return _main(argv, stdin)
    except KeyboardInterrupt:
        print(
            "kratom-safety: interrupted (SIGINT); temporary files removed, "
            "any previous output left as it was",
            file=sys.stderr,
        )
        return 130
    except _Signalled as exc:
        print(
            f"kratom-safety: terminated ({signal.Signals(exc.signum).name}); temporary files "
            "removed, any previous output left as it was",
            file=sys.stderr,
        )
        return 128 + exc.signum
    except BrokenPipeError:
        # the reader went away (e.g. "| head"): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None, stdin: TextIO | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args.host, args.port, args.workers)
    stdin = stdin if stdin is not None else sys.stdin
    try:
        if args.command == "check":
            report = check(_expand(args.medications, stdin), substance=args.substance)
            if args.json:
                print(report.to_json())
            else:
                print(format_report(report))
        elif args.command == "screen":
            with _signals_unwind():
                summary = screen_file(
                    args.input,
                    args.output,
                    input_format=args.input_format,
                    output_format=args.output_format,
                    patient_column=args.patient_column,
                    medication_column=args.medication_column,
                    substance=args.substance,
                    progress=args.progress,
                    encoding=args.encoding,
                )
            # with "-o -" the results are on stdout: the summary goes to stderr
            out = sys.stderr if args.output == "-" else sys.stdout
            if args.json:
                print(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False), file=out)
            else:
                print(format_summary(summary), file=out)
            if summary.patients_with_errors:
                print(
                    f"kratom-safety: completed with patient-level errors: "
                    f"{summary.patients_with_errors:,} patient(s) NOT SCREENED (see their rows)",
                    file=sys.stderr,
                )
                return 1
        elif args.command == "status":
            regs = regulatory_status(args.jurisdiction)
            if args.json:
                print(json.dumps([r.model_dump(mode="json") for r in regs], indent=2))
            else:
                print(_format_status(regs))
        elif args.command == "schema":
            print(json.dumps(json_schema(), indent=2, sort_keys=True))
        elif args.command in ("adverse-events", "dependence"):
            store = get_store()
            if args.command == "adverse-events":
                records: list[AdverseEvent] | list[DependenceSignal] = adverse_events(
                    substance=args.substance,
                    system=args.system,
                    serious=True if args.serious else None,
                )
            else:
                records = dependence_signals(substance=args.substance, kind=args.kind)
            if args.json:
                print(json.dumps([r.model_dump(mode="json") for r in records], indent=2))
            else:
                print(_format_safety(records, store.references))
        else:
            texts = _expand(args.texts, stdin)
            matches = resolve_many(texts)
            if args.json:
                data = [
                    {"input": t, "match": m.to_dict() if m else None}
                    for t, m in zip(texts, matches, strict=True)
                ]
                print(json.dumps(data, indent=2, ensure_ascii=False))
            else:
                for t, m in zip(texts, matches, strict=True):
                    print(_format_match(t, m))
    except KratomSafetyError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"kratom-safety: error: {first}", file=sys.stderr)
        return 2
    return 0
