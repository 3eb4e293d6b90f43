#!/usr/bin/env python3
"""Independent implementation of SPEC §9 (money by fiscal year), written from
the SPEC alone, for checking `capgraph funding --format json`.

It deliberately works the slow, literal way: every project day's spend
M × (C((k+1)/d) − C(k/d)) is computed and added to the fiscal year of its date,
O&M and cost of delay are added day by day (yearly amount ÷ days of that
fiscal year), and earned schedule walks the baseline cumulative day by day.
Schedules come from cpm.py (the independent CPM oracle); the money fields are
stripped before cpm.py validates the files (it predates them).

Usage: funding.py PORTFOLIO [--status FILE] [--until YEAR]
"""
import argparse
import copy
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpm  # noqa: E402

PROFILES = {
    "linear": [5.0] * 20,
    "front": [6.5] * 10 + [3.5] * 10,
    "back": [3.5] * 10 + [6.5] * 10,
    "bell": [0.5, 0.5, 1.5, 1.5, 4, 4, 7.5, 7.5, 11.5, 11.5, 11.5, 11.5, 7.5, 7.5, 4, 4,
             1.5, 1.5, 0.5, 0.5],
}
MONEY_FIELDS = {"fiscal_year_start", "ceilings", "legacy_om_per_year", "profile", "authorised",
                "infrastructure", "owner", "notes", "attributes", "range", "risk"}
UPDATE_MONEY = {"percent_complete", "actual_cost", "estimate_at_completion"}


def strip(doc, fields):
    if isinstance(doc, dict):
        return {k: strip(v, fields) for k, v in doc.items() if k not in fields}
    if isinstance(doc, list):
        return [strip(v, fields) for v in doc]
    return doc


def curve(profile):
    w = PROFILES[profile] if isinstance(profile, str) else profile
    total = sum(w)
    cum = [0.0]
    for x in w:
        cum.append(cum[-1] + x)
    return [c / total for c in cum]


def C(cum, x):
    pos = 20 * x
    i = min(int(pos), 19)
    return cum[i] + (pos - i) * (cum[i + 1] - cum[i])


def daily(cum, amount, d):
    """The spend of each day k = 0 … d − 1 (a milestone: [amount])."""
    if d == 0:
        return [amount]
    return [amount * (C(cum, (k + 1) / d) - C(cum, k / d)) for k in range(d)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("portfolio")
    ap.add_argument("--status")
    ap.add_argument("--until", type=int)
    a = ap.parse_args()
    raw = cpm.load_json(a.portfolio)
    f, model = cpm.validate_portfolio(strip(copy.deepcopy(raw), MONEY_FIELDS))
    assert model is not None, f.errors
    start = model["start"]
    base = cpm.schedule(model)
    status = None
    sraw = None
    if a.status:
        sraw = cpm.load_json(a.status)
        sf, status = cpm.validate_status(strip(copy.deepcopy(sraw), UPDATE_MONEY), start,
                                         set(model["order"]))
        assert not sf.errors, sf.errors
    cur = cpm.schedule(model, status) if status else base
    updates = {u["id"]: u for u in (sraw or {}).get("updates", [])}

    mm, dd = map(int, raw["portfolio"].get("fiscal_year_start", "01-01").split("-"))

    def date(off):
        return start + datetime.timedelta(days=off)

    def fy(off):
        d = date(off)
        return d.year if (d.month, d.day) >= (mm, dd) else d.year - 1

    def fy_days(y):
        return (datetime.date(y + 1, mm, dd) - datetime.date(y, mm, dd)).days

    first = fy(0)
    last = a.until if a.until is not None else fy(max(base["T"], cur["T"])) + 5
    years = list(range(first, last + 1))
    end_off = (datetime.date(last + 1, mm, dd) - start).days

    def zero():
        return {"baseline": 0.0, "current": 0.0, "om_baseline": 0.0, "om": 0.0}

    totals = {y: dict(zero(), cost_of_delay=0.0) for y in years}
    later = {"baseline": 0.0, "current": 0.0, "om_baseline": 0, "om": 0, "cost_of_delay": 0.0}
    projects = []
    kinds = {}
    for p in raw.get("projects", []):
        kinds[p["id"]] = "project"
    ev_projects = []
    for p in sorted(raw.get("projects", []), key=lambda p: cpm.bkey(p["id"])):
        pid = p["id"]
        cost = p.get("cost", {})
        cum = curve(cost.get("profile", "linear"))
        inv = cost.get("investment", 0)
        u = updates.get(pid, {}) if status else {}
        cur_amount = u.get("estimate_at_completion", inv)
        om = cost.get("om_per_year", 0)
        per = {y: zero() for y in years}
        for key, sch, amount in (("baseline", base, inv), ("current", cur, cur_amount)):
            es, d = sch["ES"][pid], sch["EF"][pid] - sch["ES"][pid]
            for k, spend in enumerate(daily(cum, amount, d)):
                off = es + k
                if off >= end_off:
                    later[key] += spend
                else:
                    per[fy(off)][key] += spend
            if om:
                okey = "om_baseline" if key == "baseline" else "om"
                for off in range(sch["EF"][pid], end_off):
                    per[fy(off)][okey] += om / fy_days(fy(off))
        auth = {int(k): v for k, v in cost.get("authorised", {}).items()}
        rows = []
        for y in years:
            r = per[y]
            for k in r:
                totals[y][k] += r[k]
            row = {"year": str(y), "baseline": r["baseline"], "current": r["current"],
                   "shift": r["current"] - r["baseline"], "om_baseline": r["om_baseline"],
                   "om": r["om"], "authorised": None, "unspendable": None, "unfunded": None}
            if y in auth:
                row["authorised"] = auth[y]
                row["unspendable"] = max(0.0, auth[y] - r["current"])
                row["unfunded"] = max(0.0, r["current"] - auth[y])
            # A year of full O&M in both schedules only repeats om_per_year:
            # capgraph's list leaves it out (the totals count it).
            # (the oracle's day-by-day sum of om ÷ days is om up to rounding)
            steady = om and abs(r["om"] - om) <= 1e-9 * om and abs(r["om_baseline"] - om) <= 1e-9 * om
            spends = r["baseline"] != 0 or r["current"] != 0
            if y in auth or spends or (not steady and any(r[k] != 0 for k in r)):
                rows.append(row)
        if inv or om or auth or u.get("estimate_at_completion"):
            projects.append({"id": pid, "investment": cost.get("investment"),
                             "profile": cost.get("profile", "linear"), "years": rows})
        # earned value
        if status and ("percent_complete" in u or "actual_finish" in u):
            a_off = status["as_of"]
            es, d = base["ES"][pid], base["EF"][pid] - base["ES"][pid]
            days = daily(cum, inv, d)
            pv = sum(s for k, s in enumerate(days) if es + k < a_off)
            ev = inv if "actual_finish" in u else inv * u.get("percent_complete", 0) / 100
            ac = u.get("actual_cost")
            es_t = None
            if inv > 0:
                c = 0.0
                for k, s in enumerate(days):
                    if c + s >= ev - 1e-9 * inv:
                        es_t = es + k + (min(1.0, max(0.0, (ev - c) / s)) if s > 0 else 1.0)
                        if ev <= 0:
                            es_t = es
                        break
                    c += s
            ev_projects.append((pid, p.get("domain"), inv, pv, ev, ac, u.get("estimate_at_completion"),
                                es_t, es, a_off))
    for c in sorted(raw.get("capabilities", []), key=lambda c: cpm.bkey(c["id"])):
        pass
    capabilities = []
    for c in sorted(raw.get("capabilities", []), key=lambda c: cpm.bkey(c["id"])):
        if "legacy_om_per_year" not in c:
            continue
        L = c["legacy_om_per_year"]
        f0, f1 = base["EF"][c["id"]], cur["EF"][c["id"]]
        sign = 1 if f1 > f0 else -1
        total = 0.0
        for off in range(min(f0, f1), max(f0, f1)):
            cost = sign * L / fy_days(fy(off))
            total += cost
            if off >= end_off:
                later["cost_of_delay"] += cost
            else:
                totals[fy(off)]["cost_of_delay"] += cost
        capabilities.append({"id": c["id"], "legacy_om_per_year": L, "slip_days": f1 - f0,
                             "cost_of_delay": total})
    ceil = raw.get("ceilings", {})
    ci = {int(k): v for k, v in ceil.get("investment", {}).items()}
    co = {int(k): v for k, v in ceil.get("om", {}).items()}
    out_totals = []
    for y in years:
        t = totals[y]
        out_totals.append({
            "year": str(y), "baseline": t["baseline"], "current": t["current"],
            "shift": t["current"] - t["baseline"], "om_baseline": t["om_baseline"], "om": t["om"],
            "cost_of_delay": t["cost_of_delay"],
            "ceiling_investment": ci.get(y), "excess_investment":
                None if y not in ci else max(0.0, t["current"] - ci[y]),
            "ceiling_om": co.get(y), "excess_om": None if y not in co else max(0.0, t["om"] - co[y]),
        })

    def div(a, b):
        return None if a is None or b is None or b == 0 else a / b

    def rollup(rows):
        bac = sum(r[2] for r in rows)
        pv = sum(r[3] for r in rows)
        ev = sum(r[4] for r in rows)
        ac = sum(r[5] for r in rows) if all(r[5] is not None for r in rows) else None
        return {"bac": bac, "pv": pv, "ev": ev, "ac": ac, "sv": ev - pv,
                "cv": None if ac is None else ev - ac, "spi": div(ev, pv), "cpi": div(ev, ac)}

    earned = None
    if status:
        per_project = []
        for (pid, dom, bac, pv, ev, ac, eac_given, es_t, es, a_off) in ev_projects:
            cpi = div(ev, ac)
            eac = eac_given if eac_given is not None else (div(bac, cpi) if cpi else None)
            eac = bac if eac is None else eac
            r = rollup([(pid, dom, bac, pv, ev, ac)])
            r.update({"id": pid, "eac": eac, "vac": bac - eac, "es_day": es_t,
                      "spi_t": None if es_t is None or a_off <= es else (es_t - es) / (a_off - es)})
            per_project.append(r)
        domains = sorted({r[1] for r in ev_projects if r[1] is not None}, key=cpm.bkey)
        earned = {"portfolio": rollup(ev_projects),
                  "domains": [dict(id=d, **rollup([r for r in ev_projects if r[1] == d]))
                              for d in domains],
                  "projects": per_project}
    doc = {"schema": "capgraph.funding/1", "currency": raw["portfolio"].get("currency", "EUR"),
           "as_of": sraw["as_of"] if sraw else None,
           "fiscal_year_start": f"{mm:02d}-{dd:02d}",
           "years": [{"year": str(y), "start": str(datetime.date(y, mm, dd)),
                      "end": str(datetime.date(y + 1, mm, dd) - datetime.timedelta(days=1))}
                     for y in years],
           "totals": out_totals, "later": later, "projects": projects,
           "capabilities": capabilities, "earned_value": earned}
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    sys.exit(main())
