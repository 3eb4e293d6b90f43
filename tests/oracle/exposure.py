#!/usr/bin/env python3
"""SPEC §4 exposure of an impact, computed with the oracle cpm.py.

Usage: exposure.py PORTFOLIO --status FILE [--from FILE]

Prints projects, investment, late_capability_projects and
late_capability_investment as JSON. Impacted = finish slipped (scenario EF >
reference EF); complete = an actual_finish in the scenario; late capability
= slipped and negative margin in the scenario; "reachable downstream" is
plain graph reachability. tests/cli_impact.rs quotes its figures.
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
    ap.add_argument("--status", required=True)
    ap.add_argument("--from", dest="reference")
    a = ap.parse_args()
    doc = cpm.load_json(a.portfolio)
    _, model = cpm.validate_portfolio(doc)

    def status(path):
        _, s = cpm.validate_status(cpm.load_json(path), model["start"], set(model["order"]))
        return s

    ref = cpm.schedule(model, status(a.reference) if a.reference else None, None)
    new = cpm.schedule(model, status(a.status), None)
    investment = {p["id"]: p.get("cost", {}).get("investment", 0) for p in doc.get("projects", [])}
    impacted = [n for n in ref["order"] if new["EF"][n] > ref["EF"][n]]
    late = [n for n in impacted if model["kind"][n] == "capability" and n in model["target"]
            and model["target"][n] - new["EF"][n] < 0]
    upstream, stack = set(late), list(late)
    while stack:
        for (p, _, _) in new["inl"][stack.pop()]:
            if p not in upstream:
                upstream.add(p)
                stack.append(p)
    projects = [n for n in impacted if model["kind"][n] == "project"
                and "actual_finish" not in new["ups"].get(n, {})]
    reaching = [n for n in projects if n in upstream]
    print(json.dumps({
        "projects": len(projects),
        "investment": sum(investment[n] for n in projects),
        "late_capability_projects": len(reaching),
        "late_capability_investment": sum(investment[n] for n in reaching),
    }))


if __name__ == "__main__":
    main()
