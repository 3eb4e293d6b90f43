#!/usr/bin/env python3
"""Independent oracle for capgraph: validation (SPEC §1, §7), CPM schedule with
status updates (SPEC §2, §3), float to a target and delay impact (SPEC §4).

Usage:
  cpm.py PORTFOLIO [--status FILE] [--near N] [--nodes] [--path ID] [--impact]
  cpm.py --check PORTFOLIO [--status FILE]     validation findings only
  cpm.py PORTFOLIO --json                      schedule as JSON (capgraph.schedule/1 shape)

Written from the SPEC text alone, deliberately simple (no cleverness), so that it
can be used as a second opinion against the Rust implementation.
"""
import argparse
import datetime
import json
import re
import sys

DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
LINK_TYPES = ("FS", "SS", "FF", "SF")


def bkey(s):
    """Byte order of the UTF-8 text (SPEC §7 'Order')."""
    return s.encode("utf-8")


def parse_date(s):
    if not isinstance(s, str) or not DATE_RE.match(s):
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        return None


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return (isinstance(v, (int, float))) and not isinstance(v, bool)


# --------------------------------------------------------------------------
# validation


class Findings:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def err(self, path, id_, msg):
        self.errors.append((path, id_, msg))

    def warn(self, path, id_, msg):
        self.warnings.append((path, id_, msg))


ALLOWED = {
    "top": {"portfolio", "domains", "components", "capabilities", "projects"},
    "portfolio": {"name", "start", "currency"},
    "component": {"id", "name", "domain", "provided_by", "available"},
    "capability": {"id", "name", "domain", "target"},
    "project": {"id", "name", "domain", "duration_days", "start", "finish", "cost",
                "depends_on", "uses", "delivers"},
    "cost": {"investment", "om_per_year"},
    "link": {"id", "type", "lag_days"},
}


def check_fields(obj, kind, path, f, id_=None):
    for k in obj:
        if k not in ALLOWED[kind]:
            f.err(f"{path}/{k}", id_, f"unknown field `{k}`")


def validate_portfolio(doc):
    """Return (Findings, model or None)."""
    f = Findings()
    if not isinstance(doc, dict):
        f.err("", None, "top level is not an object")
        return f, None
    check_fields(doc, "top", "", f)
    p = doc.get("portfolio")
    start = None
    if p is None:
        f.err("", None, "missing required field `portfolio`")
    elif not isinstance(p, dict):
        f.err("/portfolio", None, "wrong type: expected object")
    else:
        check_fields(p, "portfolio", "/portfolio", f)
        if "name" not in p:
            f.err("/portfolio", None, "missing required field `name`")
        elif not isinstance(p["name"], str):
            f.err("/portfolio/name", None, "wrong type: expected string")
        if "start" not in p:
            f.err("/portfolio", None, "missing required field `start`")
        else:
            start = parse_date(p["start"])
            if start is None:
                f.err("/portfolio/start", None, f"invalid date {p['start']!r}")
        if "currency" in p and not isinstance(p["currency"], str):
            f.err("/portfolio/currency", None, "wrong type: expected string")
    domains = None
    if "domains" in doc:
        if not isinstance(doc["domains"], list) or not all(isinstance(x, str) for x in doc["domains"]):
            f.err("/domains", None, "wrong type: expected array of strings")
        else:
            domains = doc["domains"]

    nodes = {}  # id -> dict(kind, index, path, obj)
    order = []
    for section, kind in (("components", "component"), ("capabilities", "capability"),
                          ("projects", "project")):
        arr = doc.get(section, [])
        if not isinstance(arr, list):
            f.err(f"/{section}", None, "wrong type: expected array")
            continue
        for i, o in enumerate(arr):
            path = f"/{section}/{i}"
            if not isinstance(o, dict):
                f.err(path, None, "wrong type: expected object")
                continue
            id_ = o.get("id") if isinstance(o.get("id"), str) else None
            check_fields(o, kind, path, f, id_)
            for req in ("id", "name"):
                if req not in o:
                    f.err(path, id_, f"missing required field `{req}`")
                elif not isinstance(o[req], str):
                    f.err(f"{path}/{req}", id_, "wrong type: expected string")
            if id_ == "":
                f.err(f"{path}/id", id_, "empty id")
            if "domain" in o:
                if not isinstance(o["domain"], str):
                    f.err(f"{path}/domain", id_, "wrong type: expected string")
                elif domains is not None and o["domain"] not in domains:
                    f.err(f"{path}/domain", id_, f"domain {o['domain']!r} not in domains")
            for df in ("available", "target", "start", "finish"):
                if df in o and df in ALLOWED[kind]:
                    if not isinstance(o[df], str):
                        f.err(f"{path}/{df}", id_, "wrong type: expected date string")
                    elif parse_date(o[df]) is None:
                        f.err(f"{path}/{df}", id_, f"invalid date {o[df]!r}")
            if id_:
                if id_ in nodes:
                    f.err(f"{path}/id", id_, f"duplicate id (first at {nodes[id_]['path']})")
                    continue
                nodes[id_] = {"kind": kind, "path": path, "obj": o}
                order.append(id_)

    def link_list(o, field, path, id_, objects_ok=True):
        out = []
        v = o.get(field)
        if v is None:
            return out
        if not isinstance(v, list):
            f.err(f"{path}/{field}", id_, "wrong type: expected array")
            return out
        for j, e in enumerate(v):
            lp = f"{path}/{field}/{j}"
            if isinstance(e, str):
                out.append((e, "FS", 0, lp))
            elif isinstance(e, dict) and objects_ok:
                check_fields(e, "link", lp, f, id_)
                if "id" not in e:
                    f.err(lp, id_, "missing required field `id`")
                    continue
                if not isinstance(e["id"], str):
                    f.err(f"{lp}/id", id_, "wrong type: expected string")
                    continue
                t = e.get("type", "FS")
                if not isinstance(t, str):
                    f.err(f"{lp}/type", id_, "wrong type: expected string")
                    continue
                if t not in LINK_TYPES:
                    f.err(f"{lp}/type", id_, f"unknown link type {t!r}")
                    continue
                lag = e.get("lag_days", 0)
                if not is_int(lag):
                    f.err(f"{lp}/lag_days", id_, "wrong type: expected integer")
                    continue
                out.append((e["id"], t, lag, f"{lp}/id"))
            else:
                f.err(lp, id_, "wrong type: expected id string" + (" or link object" if objects_ok else ""))
        return out

    edges = []  # (pred, succ, type, lag)
    dur = {}
    own_start = {}
    target = {}
    invest = {}
    warn_nodur = []
    for id_ in order:
        n = nodes[id_]
        o, path, kind = n["obj"], n["path"], n["kind"]
        if kind == "component":
            if "provided_by" in o:
                pb = o["provided_by"]
                if not isinstance(pb, str):
                    f.err(f"{path}/provided_by", id_, "wrong type: expected string")
                elif pb not in nodes:
                    f.err(f"{path}/provided_by", id_, f"unknown id {pb!r}" + hint(pb, nodes))
                elif nodes[pb]["kind"] != "project":
                    f.err(f"{path}/provided_by", id_, f"{pb!r} is a {nodes[pb]['kind']}, expected a project")
                else:
                    edges.append((pb, id_, "FS", 0))
            dur[id_] = 0
            if parse_date(o.get("available")) and start:
                own_start[id_] = (parse_date(o["available"]) - start).days
        elif kind == "capability":
            dur[id_] = 0
            if parse_date(o.get("target")) and start:
                target[id_] = (parse_date(o["target"]) - start).days
        else:
            s = parse_date(o.get("start")) if isinstance(o.get("start"), str) else None
            fi = parse_date(o.get("finish")) if isinstance(o.get("finish"), str) else None
            if s and fi and fi < s:
                f.err(f"{path}/finish", id_, "finish before start")
            if "duration_days" in o:
                dd = o["duration_days"]
                if not is_int(dd):
                    f.err(f"{path}/duration_days", id_, "wrong type: expected integer")
                    dur[id_] = 0
                elif dd < 0:
                    f.err(f"{path}/duration_days", id_, "negative duration")
                    dur[id_] = 0
                else:
                    dur[id_] = dd
            elif s and fi:
                dur[id_] = max(0, (fi - s).days)
            else:
                dur[id_] = 0
                if not ("start" in o and "finish" in o):
                    f.warn(path, id_, "project has no duration information")
            if s and start:
                own_start[id_] = (s - start).days
            cost = o.get("cost")
            inv = 0
            if cost is not None:
                if not isinstance(cost, dict):
                    f.err(f"{path}/cost", id_, "wrong type: expected object")
                else:
                    check_fields(cost, "cost", f"{path}/cost", f, id_)
                    for cf in ("investment", "om_per_year"):
                        if cf in cost:
                            if not is_num(cost[cf]):
                                f.err(f"{path}/cost/{cf}", id_, "wrong type: expected number")
                            elif cost[cf] < 0:
                                f.err(f"{path}/cost/{cf}", id_, "negative cost")
                    if is_num(cost.get("investment")):
                        inv = cost["investment"]
            invest[id_] = inv
            for (ref, t, lag, lp) in link_list(o, "depends_on", path, id_):
                if ref == id_:
                    f.err(lp, id_, "self-dependency")
                elif ref not in nodes:
                    f.err(lp, id_, f"unknown id {ref!r}" + hint(ref, nodes))
                else:
                    edges.append((ref, id_, t, lag))
            for (ref, t, lag, lp) in link_list(o, "uses", path, id_):
                if ref not in nodes:
                    f.err(lp, id_, f"unknown id {ref!r}" + hint(ref, nodes))
                elif nodes[ref]["kind"] != "component":
                    f.err(lp, id_, f"`uses` names {ref!r}, a {nodes[ref]['kind']}, expected a component")
                else:
                    edges.append((ref, id_, t, lag))
            for (ref, t, lag, lp) in link_list(o, "delivers", path, id_, objects_ok=False):
                if ref not in nodes:
                    f.err(lp, id_, f"unknown id {ref!r}" + hint(ref, nodes))
                elif nodes[ref]["kind"] != "capability":
                    f.err(lp, id_, f"`delivers` names {ref!r}, a {nodes[ref]['kind']}, expected a capability")
                else:
                    edges.append((id_, ref, "FS", 0))
    # warnings
    used = {e[0] for e in edges if nodes[e[0]]["kind"] == "component" and nodes[e[1]]["kind"] == "project"}
    delivered = {e[1] for e in edges if nodes[e[1]]["kind"] == "capability"}
    for id_ in order:
        k = nodes[id_]["kind"]
        if k == "component" and id_ not in used:
            f.warn(nodes[id_]["path"], id_, "component used by no project")
        if k == "capability" and id_ not in delivered:
            f.warn(nodes[id_]["path"], id_, "capability delivered by no project")
    # cycles (Tarjan), self loops excluded (already reported)
    succ = {i: [] for i in order}
    for (a, b, t, l) in edges:
        if a != b:
            succ[a].append(b)
    for comp in sccs(order, succ):
        if len(comp) > 1:
            f.err("", min(comp, key=bkey), "dependency cycle: " + " -> ".join(cycle_text(comp, succ)))
    model = None
    if not f.errors:
        model = {"start": start, "name": doc["portfolio"]["name"], "order": order,
                 "kind": {i: nodes[i]["kind"] for i in order},
                 "domain": {i: nodes[i]["obj"].get("domain") for i in order},
                 "dur": dur, "own_start": own_start, "target": target, "invest": invest,
                 "edges": edges}
    return f, model


def hint(ref, nodes):
    import difflib
    m = difflib.get_close_matches(ref, list(nodes), n=1, cutoff=0.8)
    return f' (did you mean "{m[0]}"?)' if m else ""


def sccs(order, succ):
    index = {}
    low = {}
    stack = []
    on = set()
    out = []
    counter = [0]
    sys.setrecursionlimit(100000)

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in succ[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)
    for v in order:
        if v not in index:
            strong(v)
    return out


def cycle_text(comp, succ):
    """A simple cycle through the smallest id, following smallest-id successors in the SCC (BFS shortest)."""
    cs = set(comp)
    s = min(comp, key=bkey)
    # BFS from s back to s within the component
    from collections import deque
    prev = {}
    q = deque([s])
    seen = {s}
    while q:
        v = q.popleft()
        for w in sorted(succ[v], key=bkey):
            if w not in cs:
                continue
            if w == s:
                path = [v]
                while path[-1] != s:
                    path.append(prev[path[-1]])
                path.reverse()
                return path + [s]
            if w not in seen:
                seen.add(w)
                prev[w] = v
                q.append(w)
    return [s]


def validate_status(sdoc, model_start, node_ids):
    f = Findings()
    if not isinstance(sdoc, dict):
        f.err("", None, "top level is not an object")
        return f, None
    for k in sdoc:
        if k not in ("as_of", "updates"):
            f.err(f"/{k}", None, f"unknown field `{k}`")
    as_of = None
    if "as_of" not in sdoc:
        f.err("", None, "missing required field `as_of`")
    else:
        d = parse_date(sdoc["as_of"])
        if d is None:
            f.err("/as_of", None, "invalid date")
        elif d < model_start:
            f.err("/as_of", None, "date before portfolio start")
        else:
            as_of = (d - model_start).days
    ups = {}
    allowed = {"id", "delay_days", "actual_start", "actual_finish", "forecast_finish",
               "remaining_days", "note"}
    for i, u in enumerate(sdoc.get("updates", [])):
        p = f"/updates/{i}"
        if not isinstance(u, dict):
            f.err(p, None, "wrong type: expected object")
            continue
        id_ = u.get("id")
        for k in u:
            if k not in allowed:
                f.err(f"{p}/{k}", id_, f"unknown field `{k}`")
        if not isinstance(id_, str):
            f.err(p, None, "missing required field `id`")
            continue
        if id_ not in node_ids:
            f.err(f"{p}/id", id_, f"unknown id {id_!r}" + hint(id_, {n: 1 for n in node_ids}))
            continue
        if id_ in ups:
            f.err(f"{p}/id", id_, "second update for the same id")
            continue
        rec = {"note": u.get("note")}
        for k in ("delay_days", "remaining_days"):
            if k in u:
                if not is_int(u[k]):
                    f.err(f"{p}/{k}", id_, "wrong type: expected integer")
                elif k == "remaining_days" and u[k] < 0:
                    f.err(f"{p}/{k}", id_, "negative remaining_days")
                else:
                    rec[k] = u[k]
        for k in ("actual_start", "actual_finish", "forecast_finish"):
            if k in u:
                d = parse_date(u[k])
                if d is None:
                    f.err(f"{p}/{k}", id_, "invalid date")
                elif d < model_start:
                    f.err(f"{p}/{k}", id_, "date before portfolio start")
                else:
                    rec[k] = (d - model_start).days
        if "actual_start" in rec and "actual_finish" in rec and rec["actual_finish"] < rec["actual_start"]:
            f.err(f"{p}/actual_finish", id_, "actual_finish before actual_start")
        ups[id_] = rec
    return f, {"as_of": as_of, "updates": ups, "raw": sdoc.get("updates", [])}


# --------------------------------------------------------------------------
# schedule


def topo(model):
    order = model["order"]
    indeg = {i: 0 for i in order}
    succ = {i: [] for i in order}
    for (a, b, t, l) in model["edges"]:
        indeg[b] += 1
        succ[a].append(b)
    ready = sorted([i for i in order if indeg[i] == 0], key=bkey)
    out = []
    import heapq
    h = [(bkey(i), i) for i in ready]
    heapq.heapify(h)
    while h:
        _, v = heapq.heappop(h)
        out.append(v)
        for w in succ[v]:
            indeg[w] -= 1
            if indeg[w] == 0:
                heapq.heappush(h, (bkey(w), w))
    assert len(out) == len(order), "cycle"
    return out


def link_bound(t, lag, es_p, ef_p, d_s):
    """Lower bound on ES(S) from one link (SPEC §3, §7: FF/SF use the successor's d')."""
    if t == "FS":
        return ef_p + lag
    if t == "SS":
        return es_p + lag
    if t == "FF":
        return ef_p + lag - d_s
    if t == "SF":
        return es_p + lag - d_s
    raise ValueError(t)


def schedule(model, status=None, extra_delay=None):
    """status: {"as_of": int, "updates": {id: rec}}; extra_delay: {id: days} (--delay)."""
    ups = dict(status["updates"]) if status else {}
    as_of = status["as_of"] if status else 0
    if extra_delay:
        for k, v in extra_delay.items():
            ups[k] = {"delay_days": v}
    order = topo(model)
    inl = {i: [] for i in order}
    outl = {i: [] for i in order}
    for (a, b, t, l) in model["edges"]:
        inl[b].append((a, t, l))
        outl[a].append((b, t, l))
    ES, EF, D, dprime, fixed = {}, {}, {}, {}, {}
    for n in order:
        u = ups.get(n, {})
        d = model["dur"][n]
        dp = max(0, d + u["delay_days"]) if "delay_days" in u else d
        dprime[n] = dp
        if "actual_start" in u:
            es = u["actual_start"]
            fixed[n] = True
        elif "actual_finish" in u:
            es = max(0, u["actual_finish"] - dp)
            fixed[n] = True
        else:
            fixed[n] = False
            es = 0
            if n in model["own_start"]:
                es = max(es, model["own_start"][n])
            for (p, t, l) in inl[n]:
                es = max(es, link_bound(t, l, ES[p], EF[p], dp))
        if "actual_finish" in u:
            ef = u["actual_finish"]
        else:
            ef = es + dp
            if "forecast_finish" in u:
                ef = max(ef, u["forecast_finish"])
            if "remaining_days" in u:
                ef = max(ef, as_of + u["remaining_days"])
        ES[n], EF[n], D[n] = es, ef, ef - es
    T = max(EF.values()) if EF else 0
    LF, LS = {}, {}
    for n in reversed(order):
        if not outl[n]:
            lf = T
        else:
            lf = T
            for (s, t, l) in outl[n]:
                if t == "FS":
                    v = LS[s] - l
                elif t == "SS":
                    v = LS[s] - l + D[n]
                elif t == "FF":
                    v = LF[s] - l
                else:
                    v = LF[s] - l + D[n]
                lf = min(lf, v)
        LF[n] = lf
        LS[n] = lf - D[n]
    TF = {n: LS[n] - ES[n] for n in order}
    FF_ = {}
    for n in order:
        if not outl[n]:
            FF_[n] = T - EF[n]
        else:
            FF_[n] = min(ES[s] - link_bound(t, l, ES[n], EF[n], dprime[s]) for (s, t, l) in outl[n])
        FF_[n] = min(FF_[n], TF[n])
    return {"order": order, "inl": inl, "outl": outl, "ES": ES, "EF": EF, "D": D, "dprime": dprime,
            "fixed": fixed, "T": T, "LS": LS, "LF": LF, "TF": TF, "FF": FF_, "ups": ups}


def complete(sch, n):
    """SPEC §7: a node is complete when its update has an actual_finish."""
    return "actual_finish" in sch["ups"].get(n, {})


def binding_preds(model, sch, n):
    if sch["fixed"][n]:
        return []
    return sorted({p for (p, t, l) in sch["inl"][n]
                   if link_bound(t, l, sch["ES"][p], sch["EF"][p], sch["dprime"][n]) == sch["ES"][n]},
                  key=bkey)


def driving_path(model, sch, n):
    path = [n]
    seen = {n}
    while True:
        b = binding_preds(model, sch, n)
        if not b:
            break
        n = b[0]
        assert n not in seen
        seen.add(n)
        path.append(n)
    return list(reversed(path))


def critical_path(model, sch):
    if not sch["order"]:
        return []
    last = min(sch["order"], key=lambda n: (-sch["EF"][n], bkey(n)))
    return driving_path(model, sch, last)


def ancestors(sch, t):
    seen = set()
    stack = [t]
    while stack:
        v = stack.pop()
        for (p, _, _) in sch["inl"][v]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    seen.discard(t)
    return seen


def float_to_target(model, sch, t):
    anc = ancestors(sch, t)
    inset = anc | {t}
    LF, LS = {t: sch["EF"][t]}, {}
    LS[t] = LF[t] - sch["D"][t]
    for n in reversed(sch["order"]):
        if n not in anc:
            continue
        lf = None
        for (s, ty, l) in sch["outl"][n]:
            if s not in inset:
                continue
            if ty == "FS":
                v = LS[s] - l
            elif ty == "SS":
                v = LS[s] - l + sch["D"][n]
            elif ty == "FF":
                v = LF[s] - l
            else:
                v = LF[s] - l + sch["D"][n]
            lf = v if lf is None else min(lf, v)
        LF[n] = lf
        LS[n] = lf - sch["D"][n]
    return {n: LS[n] - sch["ES"][n] for n in anc}


def impact(model, base, new):
    slip = {n: new["EF"][n] - base["EF"][n] for n in new["order"]}
    impacted = [n for n in new["order"] if slip[n] > 0]
    chains = {}
    for n in impacted:
        chain = [n]
        v = n
        while v not in new["ups"]:
            b = binding_preds(model, new, v)
            if not b:
                break
            slipped = [p for p in b if slip[p] > 0]
            v = (slipped or b)[0]
            chain.append(v)
        chains[n] = list(reversed(chain))
    return slip, impacted, chains


# --------------------------------------------------------------------------
# output


def fmt_date(model, off):
    return (model["start"] + datetime.timedelta(days=off)).isoformat()


def load_json(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    return json.loads(raw.decode("utf-8"))


def print_findings(label, f):
    for (p, i, m) in f.errors:
        print(f"error   {label} {p or '(root)'} [{i}] {m}")
    for (p, i, m) in f.warnings:
        print(f"warning {label} {p or '(root)'} [{i}] {m}")


def report(model, sch, near, title):
    print(f"== {title}")
    T = sch["T"]
    print(f"portfolio finish: day {T} = {fmt_date(model, T)}")
    cp = critical_path(model, sch)
    print(f"critical path ({len(cp)} nodes): {' -> '.join(cp)}")
    print("capabilities:")
    for c in sorted([n for n in sch["order"] if model["kind"][n] == "capability"], key=bkey):
        ef = sch["EF"][c]
        tg = model["target"].get(c)
        margin = None if tg is None else tg - ef
        tgs = "-" if tg is None else f"{fmt_date(model, tg)} (day {tg})"
        print(f"  {c:12} finish day {ef:5} = {fmt_date(model, ef)}  target {tgs}  margin {margin}"
              f"  TF {sch['TF'][c]}")
        print(f"      driving path: {' -> '.join(driving_path(model, sch, c))}")
    nc = sorted([n for n in sch["order"] if 0 < sch["TF"][n] <= near],
                key=lambda n: (sch["TF"][n], bkey(n)))
    print(f"near-critical (0 < TF <= {near}): " +
          ", ".join(f"{n}({model['kind'][n]}) TF={sch['TF'][n]}" for n in nc))
    crit = sorted([n for n in sch["order"] if sch["TF"][n] <= 0], key=bkey)
    print("critical nodes (TF <= 0): " + ", ".join(f"{n}({sch['TF'][n]})" for n in crit))


def node_table(model, sch):
    print(f"{'id':14} {'kind':10} {'d':>5} {'ES':>5} {'EF':>5} {'LS':>5} {'LF':>5} {'TF':>5} {'FF':>5}  early_start  early_finish")
    for n in sorted(sch["order"], key=bkey):
        print(f"{n:14} {model['kind'][n]:10} {sch['D'][n]:5} {sch['ES'][n]:5} {sch['EF'][n]:5} "
              f"{sch['LS'][n]:5} {sch['LF'][n]:5} {sch['TF'][n]:5} {sch['FF'][n]:5}  "
              f"{fmt_date(model, sch['ES'][n])}   {fmt_date(model, sch['EF'][n])}")


def schedule_json(model, sch, near):
    nodes = []
    for n in sorted(sch["order"], key=bkey):
        nodes.append({"id": n, "kind": model["kind"][n], "domain": model["domain"][n],
                      "es": sch["ES"][n], "ef": sch["EF"][n], "ls": sch["LS"][n], "lf": sch["LF"][n],
                      "total_float": sch["TF"][n], "free_float": sch["FF"][n],
                      "critical": sch["TF"][n] <= 0,
                      # SPEC §7: complete nodes (an actual_finish) are never near-critical.
                      "near_critical": not complete(sch, n) and 0 < sch["TF"][n] <= near,
                      "complete": complete(sch, n),
                      "early_start": fmt_date(model, sch["ES"][n]),
                      "early_finish": fmt_date(model, sch["EF"][n])})
    caps = []
    for c in sorted([n for n in sch["order"] if model["kind"][n] == "capability"], key=bkey):
        tg = model["target"].get(c)
        caps.append({"id": c, "target": None if tg is None else fmt_date(model, tg),
                     "finish": fmt_date(model, sch["EF"][c]), "finish_day": sch["EF"][c],
                     "margin_days": None if tg is None else tg - sch["EF"][c],
                     "driving_path": driving_path(model, sch, c)})
    return {"schema": "capgraph.schedule/1", "portfolio": model["name"],
            "start": model["start"].isoformat(), "finish": fmt_date(model, sch["T"]),
            "finish_day": sch["T"], "nodes": nodes, "critical_path": critical_path(model, sch),
            "capabilities": caps}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("portfolio")
    ap.add_argument("--status")
    ap.add_argument("--delay", action="append", default=[], help="ID=DAYS")
    ap.add_argument("--near", type=int, default=10)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--nodes", action="store_true")
    ap.add_argument("--path", help="float to target ID")
    ap.add_argument("--impact", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    try:
        doc = load_json(a.portfolio)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        print(f"error   {a.portfolio} syntax: {type(e).__name__}: {e}")
        return 1
    f, model = validate_portfolio(doc)
    print_findings(a.portfolio, f) if (a.check or f.errors or f.warnings) and not a.json else None
    if model is None:
        return 1
    status = None
    if a.status:
        try:
            sdoc = load_json(a.status)
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            print(f"error   {a.status} syntax: {e}")
            return 1
        sf, status = validate_status(sdoc, model["start"], set(model["order"]))
        if a.check or sf.errors:
            print_findings(a.status, sf)
        if sf.errors:
            return 1
    if a.check:
        print("ok" if not f.errors else "invalid")
        return 0
    delays = {}
    for d in a.delay:
        k, v = d.split("=")
        delays[k] = int(v)
    sch = schedule(model, status, delays or None)
    if a.json:
        print(json.dumps(schedule_json(model, sch, a.near), indent=2, ensure_ascii=False))
        return 0
    report(model, sch, a.near, "schedule" + (f" with {a.status}" if a.status else "")
           + (f" with --delay {a.delay}" if a.delay else ""))
    if a.nodes:
        node_table(model, sch)
    if a.path:
        ft = float_to_target(model, sch, a.path)
        print(f"float to {a.path} (finish day {sch['EF'][a.path]} = {fmt_date(model, sch['EF'][a.path])}):")
        print(f"  driving path: {' -> '.join(driving_path(model, sch, a.path))}")
        for n in sorted(ft, key=lambda n: (ft[n], bkey(n))):
            print(f"  {n:14} {ft[n]}")
    if a.impact and (status or delays):
        base = schedule(model)
        slip, impacted, chains = impact(model, base, sch)
        print(f"== impact (baseline finish {base['T']} -> {sch['T']}, finish slip {sch['T'] - base['T']})")
        for n in sorted(impacted, key=lambda n: (-slip[n], bkey(n))):
            print(f"  {n:14} {model['kind'][n]:10} slip {slip[n]:4}  {fmt_date(model, base['EF'][n])} -> "
                  f"{fmt_date(model, sch['EF'][n])}  chain {' -> '.join(chains[n])}")
        print("  capabilities whose finish moved:")
        for c in sorted([n for n in sch["order"] if model["kind"][n] == "capability" and slip[n] != 0], key=bkey):
            tg = model["target"].get(c)
            print(f"    {c:12} slip {slip[c]:4}  new finish {fmt_date(model, sch['EF'][c])}  "
                  f"margin {None if tg is None else tg - sch['EF'][c]}")
        projs = [n for n in impacted if model["kind"][n] == "project"]
        print(f"  exposure: {len(projs)} projects, investment {sum(model['invest'][n] for n in projs)}")
        gains = sorted([n for n in sch["order"] if slip[n] < 0], key=bkey)
        if gains:
            print("  gains (slip < 0): " + ", ".join(f"{n}({slip[n]})" for n in gains))
    return 0


if __name__ == "__main__":
    sys.exit(main())
