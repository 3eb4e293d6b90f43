#!/usr/bin/env python3
"""Float to a target as `capgraph.path/1` JSON, computed by the oracle cpm.py.

Usage: path_json.py PORTFOLIO --to ID [--status FILE]

Reuses cpm.py's validation, schedule, driving path and float-to-target (all
written from the SPEC alone); only the JSON shape (SPEC §6 "JSON output of
`path`") is added here. The committed tests/oracle/path-*.json were made with it.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpm  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("portfolio")
    ap.add_argument("--to", required=True)
    ap.add_argument("--status")
    a = ap.parse_args()
    findings, model = cpm.validate_portfolio(cpm.load_json(a.portfolio))
    if model is None:
        sys.exit(f"{a.portfolio} is invalid: {findings.errors}")
    status = None
    if a.status:
        sf, status = cpm.validate_status(cpm.load_json(a.status), model["start"], set(model["order"]))
        if sf.errors:
            sys.exit(f"{a.status} is invalid: {sf.errors}")
    sch = cpm.schedule(model, status, None)
    t = a.to
    ft = cpm.float_to_target(model, sch, t)
    doc = {
        "schema": "capgraph.path/1",
        "target": t,
        "finish": cpm.fmt_date(model, sch["EF"][t]),
        "driving_path": cpm.driving_path(model, sch, t),
        "nodes": [{"id": n, "float_to_target": ft[n], "complete": cpm.complete(sch, n)}
                  for n in sorted(ft, key=lambda n: (ft[n], cpm.bkey(n)))],
    }
    print(json.dumps(doc, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
