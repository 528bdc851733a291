"""``advisor catalog check|export``: validate a catalog file; export it as JSON, Markdown, CSV or
its JSON Schema."""

from __future__ import annotations

import argparse
import sys

from tactics.errors import CatalogError, UserError

EXPORT_FORMATS = ("json", "markdown", "csv", "schema")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("catalog", help="validate or export the tactics catalog")
    actions = parser.add_subparsers(dest="catalog_action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="validate a catalog file (default: the bundled one)")
    check.add_argument("file", nargs="?", help="catalog file to check")
    check.set_defaults(func=run_check)

    export = actions.add_parser("export", help="export the catalog")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    export.add_argument("--catalog", metavar="FILE", help="export this catalog file instead")
    export.set_defaults(func=run_export)


def run_check(args: argparse.Namespace) -> int:
    from tactics.catalog import load_catalog

    try:
        catalog = load_catalog(args.file)
    except CatalogError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 2
    evidence = sum(len(t.evidence) for t in catalog)
    quantified = sum(len(t.quantified_evidence) for t in catalog)
    label = args.file or "catalog.yaml"
    print(
        f"{label}: OK — {len(catalog)} tactics, {len(catalog.sources)} sources, "
        f"{evidence} evidence items ({quantified} quantified)."
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    text = export_catalog(args.format, args.catalog)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise UserError(f"--output {args.output}: cannot write: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
    return 0


def export_catalog(fmt: str, path: str | None = None) -> str:
    import csv
    import io
    import json

    from tactics.catalog import CatalogDocument, load_catalog
    from tactics.render import CSV_COLUMNS, catalog_markdown, catalog_rows

    if fmt == "schema":
        return json.dumps(CatalogDocument.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
    catalog = load_catalog(path)
    if fmt == "json":
        data = catalog.document.model_dump(mode="json")
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return catalog_markdown(catalog)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(catalog_rows(catalog))
    return buffer.getvalue()
