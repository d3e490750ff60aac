"""The ``zzreport`` command: build the report, run one notebook, check or export the data,
serve the built site.

Exit codes: 0 success; 1 a notebook or the data failed (the message says where); 2 a bad
command line (unknown notebook, parameter or option).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from zzreport import __version__
from zzreport.data import paths
from zzreport.publish.notebooks import notebook_paths, skip_iri_format_checker
from zzreport.publish.params import VALIDATORS, notebook_parameters, parse_value
from zzreport.publish.plan import EDITIONS, Job, edition_folders, plan, progress_line

# Each command imports what only it needs in its own body (the build's workers and site, the
# kernel machinery, pandas): `zzreport check` or `--version` starts without the rest.

EXIT_FAILED, EXIT_USAGE = 1, 2
EXPORT_FORMATS = ("csv", "xlsx", "parquet")


def _parameters(pairs: list[list[str]] | None) -> dict[str, object]:
    return {name: parse_value(value) for name, value in (pairs or [])}


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _validate_known(parameters: dict[str, object]) -> None:
    """Check values of the parameters we know how to validate, before any kernel starts."""
    for name, value in parameters.items():
        if name in VALIDATORS:
            VALIDATORS[name](value)


# --- build ----------------------------------------------------------------------------------


def _editions(text: str) -> list[str]:
    """``--lang``: en, zh, all, or a comma-separated list of editions."""
    langs = list(EDITIONS) if text == "all" else [part.strip() for part in text.split(",")]
    wrong = [lang for lang in langs if lang not in EDITIONS]
    if wrong or not langs:
        raise argparse.ArgumentTypeError(
            f"invalid choice: {wrong[0] if wrong else text!r} (choose from "
            f"{', '.join(repr(code) for code in (*EDITIONS, 'all'))})"
        )
    return list(dict.fromkeys(langs))


def cmd_build(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from zzreport.publish.build import build  # (see the note at the top)
    from zzreport.publish.pool import BuildError, Interrupted

    extra = _parameters(args.parameter)
    try:
        for lang in args.lang:
            _validate_known({"lang": lang, **extra})
            plan(lang, extra)
    except ValueError as error:
        return _usage(parser, str(error))
    if args.jobs is not None and args.jobs < 1:
        return _usage(parser, f"--jobs must be at least 1; got {args.jobs}")

    def report(outcome, done: int, total: int) -> None:
        print(progress_line(outcome, done, total), flush=True)

    def interrupt(signum, _frame) -> None:
        raise Interrupted(signum)

    folders = edition_folders(Path(args.out), args.lang)
    sites = " and ".join(str(folder / "site") for folder in folders.values())
    sites = f"site in {sites} is" if len(folders) == 1 else f"sites in {sites} are"
    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        build(
            Path(args.out),
            args.lang,
            args.jobs,
            extra,
            report,
            force=args.force,
            warm=not args.fresh_kernels,
            fixed_order=args.fixed_order,
            note=lambda line: print(line, flush=True),
        )
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        print(f"the previous {sites} unchanged", file=sys.stderr)
        return EXIT_FAILED
    except Interrupted as stop:
        for sig in previous:  # a second Ctrl-C during the exit must not print a traceback
            signal.signal(sig, signal.SIG_IGN)
        print(f"interrupted ({stop}); the previous {sites} kept", file=sys.stderr, flush=True)
        return stop.code
    finally:
        for sig, handler in previous.items():
            if signal.getsignal(sig) is interrupt:
                signal.signal(sig, handler)
    for folder in folders.values():
        print(f"site: {(folder / 'site' / 'index.html').resolve()}")
    return 0


# --- run ------------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """One notebook, run as the build runs it (``execute.run_notebook``), in a fresh kernel."""
    from zzreport.publish.execute import run_notebook  # (see the note at the top)
    from zzreport.publish.kernels import Kernel

    notebooks = {p.stem: p for p in notebook_paths()}
    matches = [
        p
        for stem, p in notebooks.items()
        if args.notebook in (stem, stem[:2], f"{stem}.ipynb", str(p))
    ]
    if len(matches) != 1:
        return _usage(
            parser, f"unknown notebook {args.notebook!r}; choose one of {', '.join(notebooks)}"
        )
    notebook = matches[0]
    accepted = notebook_parameters(notebook)
    given = _parameters(args.parameter)
    unknown = sorted(set(given) - set(accepted))
    if unknown:
        return _usage(
            parser,
            f"{notebook.stem} has no parameter {', '.join(unknown)}; its "
            f"parameters are {', '.join(accepted)}",
        )
    try:
        _validate_known(given)
    except ValueError as error:
        return _usage(parser, str(error))
    out = Path(args.out) if args.out else paths.BUILD_DIR / "runs" / notebook.name
    out.parent.mkdir(parents=True, exist_ok=True)
    kernel = Kernel(notebook.parent, warm=False)
    try:
        error = run_notebook(Job(notebook, out.stem, given), out, kernel)
    finally:
        kernel.shutdown()
    if error is not None:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    print(f"executed: {out.resolve()}")
    return 0


# --- check ----------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from zzreport.data.load import DataError, load_external, load_indicators  # (pandas)

    try:
        tables = {
            "indicators": load_indicators(args.indicators),
            "external": load_external(args.external),
        }
    except DataError as error:
        print(f"data check failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    for name, frame in tables.items():
        years = sorted(frame["year"].unique())
        sections = frame["section"].dropna().unique()
        print(
            f"{name}: {len(frame)} rows, {len(sections)} sections, years "
            f"{years[0]}–{years[-1]} ({', '.join(str(y) for y in years)})"
        )
    print("all data files are valid")
    return 0


# --- export ---------------------------------------------------------------------------------


def export(out: Path, fmt: str) -> list[Path]:
    """Write the tidy tables (indicators, external figures) as csv, xlsx or parquet.

    csv and parquet write one file per table into the folder ``out``; xlsx writes one
    workbook ``out`` with a sheet per table. Each file is written next to its target and
    renamed into place, so an interrupted export leaves no half-written file.
    """
    from zzreport.data.load import load_external, load_indicators  # (pandas)

    tables = {"indicators": load_indicators(), "external_figures": load_external()}
    written = []
    if fmt == "xlsx":
        import pandas as pd  # (for this command only)

        target = out if out.suffix == ".xlsx" else out.with_suffix(".xlsx")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        with pd.ExcelWriter(partial, engine="openpyxl") as writer:
            for name, frame in tables.items():
                frame.to_excel(writer, sheet_name=name, index=False)
        os.replace(partial, target)
        return [target]
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        target = out / f"{name}.{fmt}"
        partial = out / f".{name}.{fmt}.partial"
        if fmt == "csv":
            frame.to_csv(partial, index=False, encoding="utf-8")
        else:
            frame.to_parquet(partial, index=False)
        os.replace(partial, target)
        written.append(target)
    return written


def cmd_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    for path in export(Path(args.out), args.format):
        print(f"wrote {path}")
    return 0


def cmd_serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Serve the build folder on this machine only (127.0.0.1): the site reads offline as
    files, but its search loads its index with fetch(), which needs an address."""
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    root = Path(args.out)
    if not (root / "site" / "index.html").exists():
        return _usage(parser, f"{root}/site/index.html is missing: run zzreport build first")
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    with ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        host, port = server.server_address[:2]
        print(f"serving {root}: open http://{host}:{port}/site/index.html (Ctrl-C stops)")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


# --- the parser -----------------------------------------------------------------------------


def _version() -> str:
    """The package's version, with the data package's and the sources register's edition, so
    a reported result names what produced it."""
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    register = json.loads((paths.RAW_DIR / "external_figures.meta.json").read_text("utf-8"))
    return (
        f"{__version__} (data package {package.get('version', '?')}, sources register "
        f"edition {register.get('edition', 1)})"
    )


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zzreport", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help="print the version (of the package, the data and the register) and exit",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def parameter_option(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "-p",
            "--parameter",
            nargs=2,
            action="append",
            metavar=("NAME", "VALUE"),
            help="a notebook parameter, as papermill's -p (repeatable)",
        )

    build = sub.add_parser("build", help="execute every notebook and write the HTML site")
    build.add_argument(
        "--jobs", type=int, default=None, help="parallel workers (default: one per core)"
    )
    build.add_argument(
        "--lang",
        type=_editions,
        default=["en"],
        metavar="{en,zh,all}",
        help="edition language; 'all' (or 'en,zh') builds both editions in one "
        "run, sharing workers and kernels: English in OUT, Chinese in OUT/zh",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="run every notebook again, ignoring (and refreshing) OUT/.cache",
    )
    build.add_argument(
        "--fresh-kernels",
        action="store_true",
        help="one fresh kernel per notebook instead of warm kernels (slower; "
        "the reference the warm kernels are tested against)",
    )
    build.add_argument(
        "--fixed-order",
        action="store_true",
        help="give each worker a fixed share of the notebooks, in order, so that each runs "
        "after the same neighbour in its kernel on every run (what the tests compare with "
        "--fresh-kernels; a little slower)",
    )
    parameter_option(build)
    build.add_argument(
        "--out",
        default=str(paths.BUILD_DIR),
        help="build folder: executed notebooks in OUT/executed, the site in "
        "OUT/site (default: build)",
    )
    build.set_defaults(parser=build, handler=cmd_build)

    run = sub.add_parser("run", help="execute one notebook with parameters")
    run.add_argument("notebook", help="e.g. 04-feasibility (or 04)")
    parameter_option(run)
    run.add_argument(
        "--out", help="where to write the executed notebook (default: build/runs/NOTEBOOK.ipynb)"
    )
    run.set_defaults(parser=run, handler=cmd_run)

    check = sub.add_parser("check", help="validate every data file and summarise it")
    check.add_argument("--indicators", help="another indicators CSV to check")
    check.add_argument("--external", help="another external-figures CSV to check")
    check.set_defaults(parser=check, handler=cmd_check)

    export_cmd = sub.add_parser("export", help="write the tidy tables for other tools")
    export_cmd.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export_cmd.add_argument("--out", required=True, help="a folder (csv, parquet) or a .xlsx file")
    export_cmd.set_defaults(parser=export_cmd, handler=cmd_export)

    serve = sub.add_parser(
        "serve", help="serve the built site on 127.0.0.1, so that its search works"
    )
    serve.add_argument(
        "--out", default=str(paths.BUILD_DIR), help="the build folder (default: build)"
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="the port (default 8000; 0: any free)"
    )
    serve.set_defaults(parser=serve, handler=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    skip_iri_format_checker()  # before any subcommand imports nbformat (build, run, check)
    parser = make_parser()
    args = parser.parse_args(argv)
    return args.handler(args, args.parser)


if __name__ == "__main__":
    sys.exit(main())
