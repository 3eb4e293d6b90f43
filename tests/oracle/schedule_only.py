#!/usr/bin/env python3
"""Writes copies of a portfolio and a status file without the money (SPEC §9)
and risk (§11) fields, which change no schedule figure and which cpm.py (written
before them) rejects as unknown: `schedule_only.py IN OUT` for either file."""
import json
import sys

PORTFOLIO_TOP = ("ceilings", "risk")
CAPABILITY = ("legacy_om_per_year",)
PROJECT = ("range",)
COST = ("profile", "authorised")
UPDATE = ("percent_complete", "actual_cost", "estimate_at_completion")

doc = json.load(open(sys.argv[1], encoding="utf-8"))
for key in PORTFOLIO_TOP:
    doc.pop(key, None)
doc.get("portfolio", {}).pop("fiscal_year_start", None)
for c in doc.get("capabilities", []):
    for key in CAPABILITY:
        c.pop(key, None)
for p in doc.get("projects", []):
    for key in PROJECT:
        p.pop(key, None)
    for key in COST:
        p.get("cost", {}).pop(key, None)
for u in doc.get("updates", []):
    for key in UPDATE:
        u.pop(key, None)
json.dump(doc, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
