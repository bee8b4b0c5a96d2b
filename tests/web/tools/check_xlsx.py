#!/usr/bin/env python3
"""Opens an XLSX file with openpyxl and prints what a reader sees, as JSON.

    python3 tests/web/tools/check_xlsx.py FILE.xlsx [--rows N]

For each sheet, in order: its name, the frozen pane (openpyxl's top-left cell of the scrolling
part, "A2" when the header row is frozen), the size, the column widths, and the first N rows
(default 5) as values with, per cell, whether it is bold, whether it wraps and its number format.
Needs `pip install openpyxl`. Exits non-zero when the file cannot be opened. Used by the
end-to-end tests to check a downloaded workbook.
"""

import argparse
import json
import sys

from openpyxl import load_workbook


def describe(path, rows):
    book = load_workbook(path)
    sheets = []
    for ws in book.worksheets:
        first = list(ws.iter_rows(min_row=1, max_row=min(rows, ws.max_row)))
        sheets.append(
            {
                "name": ws.title,
                "freeze_panes": ws.freeze_panes,
                "max_row": ws.max_row,
                "max_column": ws.max_column,
                "column_widths": {
                    letter: dim.width
                    for letter, dim in sorted(ws.column_dimensions.items())
                    if dim.customWidth
                },
                "rows": [[cell.value for cell in row] for row in first],
                "bold": [[bool(cell.font and cell.font.b) for cell in row] for row in first],
                "wrap": [
                    [bool(cell.alignment and cell.alignment.wrap_text) for cell in row]
                    for row in first
                ],
                "number_format": [[cell.number_format for cell in row] for row in first],
            }
        )
    return {"sheets": sheets, "active": book.active.title if book.active else None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--rows", type=int, default=5)
    args = parser.parse_args()
    try:
        result = describe(args.path, args.rows)
    except Exception as error:  # noqa: BLE001 - any failure to read is the answer
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}, ensure_ascii=False))
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
