#!/usr/bin/env python3
"""Independent oracle for `capgraph risk` (SPEC §11): a Monte Carlo written from
the SPEC alone on top of cpm.py's schedule, with Python's own random generator
(Mersenne Twister: `random.triangular`, `random.betavariate`, `random.gauss`),
so it shares neither code nor random numbers with the Rust implementation.
Only statistical agreement is expected.

Usage:
  risk.py PORTFOLIO [--status FILE] [--iterations N] [--seed S]
          [--distribution triangular|pert] [--correlation R]   > oracle.json
"""
import argparse
import json
import math
import random
from fractions import Fraction

import cpm


def strip_unknown(doc):
    """cpm.py knows the fields of SPEC §1 that a schedule needs; the rest
    (ranges, money, descriptions) would be 'unknown fields' to it."""
    def keep(obj, kind):
        return {k: v for k, v in obj.items() if k in cpm.ALLOWED[kind]}
    out = keep(doc, "top")
    out["portfolio"] = keep(doc["portfolio"], "portfolio")
    out["components"] = [keep(c, "component") for c in doc.get("components", [])]
    out["capabilities"] = [keep(c, "capability") for c in doc.get("capabilities", [])]
    projects = []
    for p in doc.get("projects", []):
        q = keep(p, "project")
        if "cost" in q:
            q["cost"] = keep(q["cost"], "cost")
        projects.append(q)
    out["projects"] = projects
    return out


def half_up(x):
    """Nearest whole number, halves up, of a Fraction or float."""
    return math.floor(x + Fraction(1, 2)) if isinstance(x, Fraction) else math.floor(x + 0.5)


def ranges(doc, model):
    """id -> (a, m, b) for each project with a range (own or default)."""
    default = (doc.get("risk") or {}).get("default_range_pct")
    out = {}
    for p in doc.get("projects", []):
        d = model["dur"][p["id"]]
        if "range" in p:
            out[p["id"]] = (p["range"]["min"], d, p["range"]["max"])
        elif default is not None:
            lo, hi = (Fraction(str(v)) for v in default)
            out[p["id"]] = (half_up(d * (100 + lo) / 100), d, half_up(d * (100 + hi) / 100))
    return out


def tri_inverse(a, m, b, u):
    if u * (b - a) < (m - a):
        return a + math.sqrt(u * (b - a) * (m - a))
    return b - math.sqrt((1 - u) * (b - a) * (b - m))


def phi(z):
    return 0.5 * math.erfc(-z / math.sqrt(2))


def average_ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and xs[order[j]] == xs[order[i]]:
            j += 1
        for k in order[i:j]:
            ranks[k] = (i + 1 + j) / 2
        i = j
    return ranks


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return 0.0 if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def finish_figures(values, deterministic, target):
    n = len(values)
    s = sorted(values)
    def pct(p):
        # smallest day x with count(v <= x) >= p % of n
        k = max(1, math.ceil(p * n / 100))
        return s[k - 1]
    return {
        "mean_day": sum(values) / n,
        "p10_day": pct(10), "p50_day": pct(50), "p80_day": pct(80), "p90_day": pct(90),
        "deterministic_day": deterministic,
        "deterministic_probability": sum(v <= deterministic for v in values) / n,
        "target_day": target,
        "target_probability": None if target is None else sum(v <= target for v in values) / n,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("portfolio")
    ap.add_argument("--status")
    ap.add_argument("--iterations", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--distribution", default="triangular")
    ap.add_argument("--correlation", type=float, default=0.0)
    a = ap.parse_args()
    doc = cpm.load_json(a.portfolio)
    f, model = cpm.validate_portfolio(strip_unknown(doc))
    assert model is not None, f.errors
    status = None
    if a.status:
        sf, status = cpm.validate_status(cpm.load_json(a.status), model["start"], set(model["order"]))
        assert not sf.errors, sf.errors
    est = ranges(doc, model)
    varying = sorted((i for i, (lo, _, hi) in est.items() if lo < hi), key=cpm.bkey)
    domains = sorted({model["domain"][i] for i in varying if model["domain"][i] is not None}, key=cpm.bkey)
    caps = sorted((n for n in model["order"] if model["kind"][n] == "capability"), key=cpm.bkey)
    base = cpm.schedule(model, status)
    rng = random.Random(a.seed)
    r = a.correlation
    finishes = {c: [] for c in ["<portfolio>"] + caps}
    critical = {n: 0 for n in model["order"]}
    drivers = {c: {} for c in caps}
    drawn = {i: [] for i in varying}
    for _ in range(a.iterations):
        dur = dict(model["dur"])
        factor = {d: rng.gauss(0, 1) for d in domains}
        for i in varying:
            lo, m, hi = est[i]
            if r > 0:
                dom = model["domain"][i]
                eps = rng.gauss(0, 1)
                z = math.sqrt(r) * factor[dom] + math.sqrt(1 - r) * eps if dom is not None else eps
                u = phi(z)
                assert a.distribution == "triangular", "the oracle's copula is triangular only"
                x = tri_inverse(lo, m, hi, u)
            elif a.distribution == "triangular":
                x = rng.triangular(lo, hi, m)
            else:
                alpha = 1 + 4 * (m - lo) / (hi - lo)
                beta = 1 + 4 * (hi - m) / (hi - lo)
                x = lo + (hi - lo) * rng.betavariate(alpha, beta)
            dur[i] = half_up(x)
            drawn[i].append(dur[i])
        sch = cpm.schedule(dict(model, dur=dur), status)
        finishes["<portfolio>"].append(sch["T"])
        for n in model["order"]:
            if sch["TF"][n] <= 0:
                critical[n] += 1
        for c in caps:
            finishes[c].append(sch["EF"][c])
            for n in cpm.driving_path(model, sch, c)[:-1]:
                drivers[c][n] = drivers[c].get(n, 0) + 1
    n = a.iterations
    # A complete project does not vary (SPEC §11): left out of the tornado.
    ups = status["updates"] if status else {}
    tornado_ids = [i for i in varying if "actual_finish" not in ups.get(i, {})]
    finish_ranks = average_ranks(finishes["<portfolio>"])
    tornado = sorted(({"id": i, "correlation": pearson(average_ranks(drawn[i]), finish_ranks)}
                      for i in tornado_ids), key=lambda s: (-abs(s["correlation"]), cpm.bkey(s["id"])))
    out = {
        "iterations": n,
        "distribution": a.distribution,
        "correlation": r,
        "varying_projects": len(tornado_ids),
        "finish": finish_figures(finishes["<portfolio>"], base["T"], None),
        "capabilities": [dict(id=c, **finish_figures(finishes[c], base["EF"][c], model["target"].get(c)),
                              drivers={k: v / n for k, v in sorted(drivers[c].items(), key=lambda kv: cpm.bkey(kv[0]))})
                         for c in caps],
        "criticality": {k: critical[k] / n for k in sorted(critical, key=cpm.bkey)},
        "sensitivity": tornado[:10],
    }
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
