#!/usr/bin/env python3
"""Second implementation of SPEC §12 (`capgraph screen`) on top of cpm.py's
schedule, written plainly check by check (sets and loops, no shared helpers
with the Rust code), with the readings documented in src/analysis/screen.rs.

Usage: screen.py PORTFOLIO [--status FILE] [--high-float N] [--high-duration N]
Prints the capgraph.screen/1 JSON document.
"""
import argparse
import json
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import cpm  # noqa: E402


def na(number, name, threshold):
    return {"number": number, "name": name, "count": 0, "population": 0, "value": None,
            "threshold": threshold, "pass": None, "ids": []}


def share(number, name, offenders, pop, numerator=None, at_least=None):
    if pop == 0:
        return na(number, name, at_least if at_least is not None else 0.05)
    num = len(offenders) if numerator is None else numerator
    if at_least is not None:
        ok = num * 100 >= int(round(at_least * 100)) * pop
        thr = at_least
    else:
        ok = num * 100 <= 5 * pop
        thr = 0.05
    return {"number": number, "name": name, "count": len(offenders), "population": pop,
            "value": num / pop, "threshold": thr, "pass": ok, "ids": sorted(set(offenders), key=cpm.bkey)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("portfolio")
    ap.add_argument("--status")
    ap.add_argument("--high-float", type=int, default=44)
    ap.add_argument("--high-duration", type=int, default=44)
    a = ap.parse_args()
    doc = cpm.load_json(a.portfolio)
    f, model = cpm.validate_portfolio(doc)
    assert model is not None
    status = None
    if a.status:
        sf, status = cpm.validate_status(cpm.load_json(a.status), model["start"], set(model["order"]))
        assert not sf.errors
    costed = {p["id"] for p in doc.get("projects", [])
              if isinstance(p.get("cost"), dict) and "investment" in p["cost"]}
    kind = model["kind"]
    projects = sorted([n for n in model["order"] if kind[n] == "project"], key=cpm.bkey)
    ups = status["updates"] if status else {}
    sch = cpm.schedule(model, status)
    base = cpm.schedule(model)
    complete = {n for n in projects if "actual_finish" in ups.get(n, {})}
    pop = [n for n in projects if n not in complete]
    preds = {n: [] for n in model["order"]}
    succs = {n: [] for n in model["order"]}
    for (p, s, t, l) in model["edges"]:
        preds[s].append((p, t, l))
        succs[p].append(s)
    links = [(p, s, t, l) for (p, s, t, l) in model["edges"] if kind[s] == "project"]
    checks = []
    # 1 logic
    checks.append(share(1, "logic", [n for n in pop if not preds[n] or not succs[n]], len(pop)))
    # 2 leads
    leads = [s for (p, s, t, l) in links if l < 0]
    if links:
        checks.append({"number": 2, "name": "leads", "count": len(leads), "population": len(links),
                       "value": len(leads), "threshold": 0, "pass": not leads,
                       "ids": sorted(set(leads), key=cpm.bkey)})
    else:
        checks.append(na(2, "leads", 0))
    # 3 lags
    lags = [s for (p, s, t, l) in links if l > 0]
    c = share(3, "lags", lags, len(links))
    c["count"] = len(lags)
    checks.append(c)
    # 4 relationship types
    other = [s for (p, s, t, l) in links if t != "FS"]
    fs = len(links) - len(other)
    c = share(4, "relationship types", other, len(links), numerator=fs, at_least=0.9)
    c["count"] = len(other)
    checks.append(c)
    # 5 constraints
    con = []
    for n in pop:
        if n in model["own_start"] and sch["ES"][n] == model["own_start"][n]:
            if all(cpm.link_bound(t, l, sch["ES"][p], sch["EF"][p], sch["dprime"][n]) < sch["ES"][n]
                   for (p, t, l) in preds[n]):
                con.append(n)
    checks.append(share(5, "constraints", con, len(pop)))
    # 6 high float
    checks.append(share(6, "high float", [n for n in pop if sch["TF"][n] > a.high_float], len(pop)))
    # 7 negative float
    neg = [n for n in pop if sch["TF"][n] < 0]
    checks.append({"number": 7, "name": "negative float", "count": len(neg), "population": len(pop),
                   "value": len(neg), "threshold": 0, "pass": not neg, "ids": neg} if pop
                  else na(7, "negative float", 0))
    # 8 high duration
    checks.append(share(8, "high duration", [n for n in pop if model["dur"][n] > a.high_duration], len(pop)))
    # 9 invalid dates
    if status and projects:
        A = status["as_of"]
        bad = []
        for n in projects:
            u = ups.get(n, {})
            if u.get("actual_start", -10**9) > A or u.get("actual_finish", -10**9) > A:
                bad.append(n)
            elif n not in complete and (("actual_start" not in u and sch["ES"][n] < A) or sch["EF"][n] < A):
                bad.append(n)
        checks.append({"number": 9, "name": "invalid dates", "count": len(bad), "population": len(projects),
                       "value": len(bad), "threshold": 0, "pass": not bad, "ids": bad})
    else:
        checks.append(na(9, "invalid dates", 0))
    # 10 cost loading
    checks.append(share(10, "cost loading", [n for n in pop if model["dur"][n] > 0 and n not in costed], len(pop)))
    # 11 missed
    if status:
        A = status["as_of"]
        due = [n for n in projects if base["EF"][n] <= A]
        missed = [n for n in due if "actual_finish" not in ups.get(n, {})
                  or ups[n]["actual_finish"] > base["EF"][n]]
        checks.append(share(11, "missed", missed, len(due)))
    else:
        checks.append(na(11, "missed", 0.05))
    # 12 critical path test
    cp = cpm.critical_path(model, sch)
    tested = next((n for n in cp if kind[n] == "project" and "actual_start" not in ups.get(n, {})
                   and "actual_finish" not in ups.get(n, {})), None)
    if tested is None:
        checks.append(na(12, "critical path test", 600))
    else:
        st = {"as_of": status["as_of"] if status else 0, "updates": {k: dict(v) for k, v in ups.items()}}
        u = st["updates"].setdefault(tested, {})
        # grow d' by exactly 600
        u["delay_days"] = sch["dprime"][tested] + 600 - model["dur"][tested]
        slip = cpm.schedule(model, st)["T"] - sch["T"]
        checks.append({"number": 12, "name": "critical path test", "count": int(slip != 600), "population": 1,
                       "value": slip, "threshold": 600, "pass": slip == 600,
                       "ids": [] if slip == 600 else [tested]})
    # 13 CPLI
    if status:
        A = status["as_of"]
        vals, below = [], []
        for c_ in sorted([n for n in model["order"] if kind[n] == "capability" and n in model["target"]], key=cpm.bkey):
            L = sch["EF"][c_] - A
            if L <= 0:
                continue
            margin = model["target"][c_] - sch["EF"][c_]
            v = (L + margin) / L
            vals.append(v)
            if (L + margin) * 100 < 95 * L:
                below.append(c_)
        if vals:
            checks.append({"number": 13, "name": "CPLI", "count": len(below), "population": len(vals),
                           "value": min(vals), "threshold": 0.95, "pass": not below, "ids": below})
        else:
            checks.append(na(13, "CPLI", 0.95))
    else:
        checks.append(na(13, "CPLI", 0.95))
    # 14 BEI
    if status:
        A = status["as_of"]
        due = [n for n in projects if base["EF"][n] <= A]
        done = [n for n in projects if ups.get(n, {}).get("actual_finish", 10**9) <= A]
        if due:
            behind = [n for n in due if n not in done]
            checks.append({"number": 14, "name": "BEI", "count": len(behind), "population": len(due),
                           "value": len(done) / len(due), "threshold": 0.95,
                           "pass": len(done) * 100 >= 95 * len(due), "ids": behind})
        else:
            checks.append(na(14, "BEI", 0.95))
    else:
        checks.append(na(14, "BEI", 0.95))
    out = {"schema": "capgraph.screen/1", "portfolio": model["name"],
           "as_of": cpm.fmt_date(model, status["as_of"]) if status else None,
           "high_float_days": a.high_float, "high_duration_days": a.high_duration,
           "checks": checks,
           "passed": sum(1 for c in checks if c["pass"] is True),
           "failed": sum(1 for c in checks if c["pass"] is False),
           "not_applicable": sum(1 for c in checks if c["pass"] is None)}
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
