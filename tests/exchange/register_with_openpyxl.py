"""openpyxl, an independent reader and writer of .xlsx files, against capgraph's register.

    inspect TEMPLATE.xlsx EXPORT.xlsx
        Opens both workbooks. Every sheet of the template (but "Read me") must be in
        the export, and the export's header row must start with the template's
        headers, in order. Prints JSON: per sheet the headers and rows of the export
        as openpyxl reads them (dates as YYYY-MM-DD, numbers as numbers, booleans).

    build OUT.xlsx good|bad
        Writes a small register the way another program would: real date cells,
        numbers as numbers, a list cell with line breaks, forgiving headers, an
        extra column. "bad" puts known mistakes at known cells.
"""

import datetime
import json
import sys

import openpyxl


def headers(sheet):
    row = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    values = list(row)
    while values and values[-1] is None:
        values.pop()
    return values


def plain(value):
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def inspect(template_path, export_path):
    template = openpyxl.load_workbook(template_path)
    export = openpyxl.load_workbook(export_path)
    report = {}
    for name in template.sheetnames:
        if name == "Read me":
            continue
        assert name in export.sheetnames, f"the export has no sheet {name}: {export.sheetnames}"
        expected = headers(template[name])
        got = headers(export[name])
        assert got[: len(expected)] == expected, (
            f"sheet {name}: the export's headers {got} do not start with the template's {expected}"
        )
        rows = [
            [plain(v) for v in row]
            for row in export[name].iter_rows(min_row=2, values_only=True)
        ]
        report[name] = {"template_headers": expected, "headers": got, "rows": rows}
    json.dump(report, sys.stdout)


def build(path, mode):
    book = openpyxl.Workbook()
    book.remove(book.active)
    portfolio = book.create_sheet("Portfolio")
    portfolio.append(["Field", "Value"])
    portfolio.append(["Name", "Built by openpyxl"])
    portfolio.append(["Start", datetime.datetime(2025, 1, 1)])
    portfolio.append(["Domains", "core;cyber"])
    portfolio.append(["Investment ceiling 2025", 5000000])
    projects = book.create_sheet("Project")
    projects.append(
        ["ID", "name", "DOMAIN", "duration_days", "Start", "Investment", "Depends on", "uses", "Delivers", "Site"]
    )
    projects.append(["P-1", "Core network", "core", 100, datetime.datetime(2025, 2, 3), 1500000, None, None, "CAP-1", "Mons"])
    projects.append(["P-2", "Identity", "cyber", 40, None, "2,500,000", "P-1 SS+10\nP-3 ff-5", "pki FS-20", "CAP-1", 7])
    projects.append(["P-3", "Cloud", "core", 60, None, None, None, "pki", "CAP-1", None])
    if mode == "bad":
        # Rows 5–11 are fine; row 12 carries the mistakes: F12 a text that is
        # no number, E12 a date that does not exist, G12 a lag that is no number.
        for i in range(4, 11):
            projects.append([f"P-{i}", f"Filler {i}", "core", 10, None, None, None, None, None, None])
        projects.append(["P-11", "Broken", "core", 10, "2025-02-30", "lots", "P-1 SS+x", None, None, None])
    components = book.create_sheet("Components")
    components.append(["Id", "Name", "Provided by", "Infrastructure"])
    components.append(["pki", "PKI", "P-1", "no"])
    capabilities = book.create_sheet("Capabilities")
    capabilities.append(["Id", "Name", "Target"])
    capabilities.append(["CAP-1", "Mission network", datetime.datetime(2026, 6, 30)])
    book.save(path)


if __name__ == "__main__":
    if sys.argv[1] == "inspect":
        inspect(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {sys.argv[1]}")
