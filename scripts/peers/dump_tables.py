#!/usr/bin/env python3
"""Peer baseline for the benchmark (docs/PERFORMANCE.md): dump the table text of
the same .docx/.xlsx files shiryo reads, with python-docx and openpyxl.

It does far less than shiryo (no forms, sections, categories, dates, counts or
JSON), so its wall time is a floor for "just opening the files in Python".

    dump_tables.py PATH... [--out FILE]

Directories are walked recursively (sorted) for .docx and .xlsx. Each table
cell's text goes to --out (default: discarded), one line per row, cells
separated by tabs. A summary line goes to stderr.
"""

import argparse
import os
import sys
import time

import docx  # python-docx
import openpyxl


def inputs(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith((".docx", ".xlsx")) and not name.startswith("~$"):
                        yield os.path.join(root, name)
        else:
            yield p


def dump_docx(path, out):
    tables = cells = 0
    document = docx.Document(path)
    pending = list(document.tables)
    while pending:
        table = pending.pop(0)
        tables += 1
        for row in table.rows:
            texts = []
            for cell in row.cells:
                texts.append(cell.text.replace("\n", " "))
                cells += 1
                pending.extend(cell.tables)
            out.write("\t".join(texts) + "\n")
    return tables, cells


def dump_xlsx(path, out):
    tables = cells = 0
    wb = openpyxl.load_workbook(path, data_only=True)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        tables += 1
        for row in ws.iter_rows(values_only=True):
            texts = ["" if v is None else str(v).replace("\n", " ") for v in row]
            cells += sum(1 for v in row if v is not None)
            out.write("\t".join(texts) + "\n")
    wb.close()
    return tables, cells


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", default=os.devnull)
    args = ap.parse_args()
    started = time.monotonic()
    files = tables = cells = errors = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for path in inputs(args.paths):
            files += 1
            try:
                if path.endswith(".docx"):
                    t, c = dump_docx(path, out)
                else:
                    t, c = dump_xlsx(path, out)
                tables += t
                cells += c
            except Exception as e:  # one bad file never stops the run
                errors += 1
                print(f"dump_tables: {path}: {e}", file=sys.stderr)
    elapsed = time.monotonic() - started
    print(
        f"dump_tables: {files} files, {tables} tables, {cells} cells, {errors} failed in {elapsed:.2f}s",
        file=sys.stderr,
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
