"""Reads capgraph's GraphML and node-link exports with networkx and checks
them against an independent reading of the same portfolio.

usage: read_with_networkx.py PORTFOLIO.json SCHEDULE.json EXPORT.graphml EXPORT.json

The expected figures come from the portfolio file itself (names, domains,
investments, targets, links) and from `capgraph schedule --format json`
(dates and floats, checked against tests/oracle/cpm.py elsewhere); whether a
link binds is worked out here from those dates (SPEC §3 and §7). Prints
every difference and exits 1 if there is any.
"""

import json
import sys
from collections import Counter
from datetime import date

import networkx as nx

portfolio_path, schedule_path, graphml_path, node_link_path = sys.argv[1:5]
portfolio = json.load(open(portfolio_path, encoding="utf-8"))
schedule = json.load(open(schedule_path, encoding="utf-8"))
start = date.fromisoformat(portfolio["portfolio"]["start"])
times = {n["id"]: n for n in schedule["nodes"]}

expected_nodes = {}
attributes = {}  # node id -> its attributes as in the file
edges = []  # (source, target, relation, type, lag)


def link(entry):
    if isinstance(entry, str):
        return entry, "FS", 0
    return entry["id"], entry.get("type", "FS"), entry.get("lag_days", 0)


def node(record, kind):
    t = times[record["id"]]
    figures = {
        "kind": kind,
        "name": record["name"],
        "duration": 0,
        "early_start": t["early_start"],
        "early_finish": t["early_finish"],
        "total_float": t["total_float"],
        "critical": t["critical"],
    }
    if "domain" in record:
        figures["domain"] = record["domain"]
    if "owner" in record:
        figures["owner"] = record["owner"]
    attributes[record["id"]] = record.get("attributes", {})
    return figures


for c in portfolio.get("components", []):
    expected_nodes[c["id"]] = node(c, "component")
    if "provided_by" in c:
        edges.append((c["provided_by"], c["id"], "provides", "FS", 0))
for c in portfolio.get("capabilities", []):
    figures = node(c, "capability")
    if "target" in c:
        figures["target"] = c["target"]
        finish = date.fromisoformat(times[c["id"]]["early_finish"])
        figures["margin"] = (date.fromisoformat(c["target"]) - finish).days
    expected_nodes[c["id"]] = figures
for p in portfolio.get("projects", []):
    figures = node(p, "project")
    if "duration_days" in p:
        figures["duration"] = p["duration_days"]
    elif "start" in p and "finish" in p:
        figures["duration"] = (
            date.fromisoformat(p["finish"]) - date.fromisoformat(p["start"])
        ).days
    if "investment" in p.get("cost", {}):
        figures["investment"] = float(p["cost"]["investment"])
    expected_nodes[p["id"]] = figures
    for entry in p.get("depends_on", []):
        edges.append((*link(entry)[:1], p["id"], "depends_on", *link(entry)[1:]))
    for entry in p.get("uses", []):
        edges.append((*link(entry)[:1], p["id"], "uses", *link(entry)[1:]))
    for capability in p.get("delivers", []):
        edges.append((p["id"], capability, "delivers", "FS", 0))


def day(text):
    return (date.fromisoformat(text) - start).days


def binds(source, target, link_type, lag):
    p, s = times[source], times[target]
    bound = day(p["early_start"] if link_type in ("SS", "SF") else p["early_finish"]) + lag
    if link_type in ("FF", "SF"):
        bound -= expected_nodes[target]["duration"]
    return bound == day(s["early_start"])


expected_edges = Counter(
    (s, t, tuple(sorted({"relation": r, "type": ty, "lag": lag,
                         "binds": binds(s, t, ty, lag)}.items())))
    for s, t, r, ty, lag in edges
)

problems = []
# What networkx's read_graphml takes from the yFiles drawing data.
YFILES_DERIVED = {"label", "shape_type", "x", "y"}


def xml_visible(value):
    """GraphML cannot carry control characters: capgraph writes U+FFFD."""
    if isinstance(value, str):
        return "".join(
            "\ufffd" if (ord(c) < 32 and c not in "\t\n\r") or 127 <= ord(c) < 160 else c
            for c in value
        )
    return value


def graphml_attributes():
    """GraphML: one key `attributes.NAME` per name, a double when every value
    of that name is a number, else text (numbers as JSON writes them)."""
    numeric = {}
    for values in attributes.values():
        for name, value in values.items():
            is_number = isinstance(value, (int, float))
            numeric[name] = numeric.get(name, True) and is_number
    expected = {}
    for node_id, values in attributes.items():
        expected[node_id] = {
            f"attributes.{name}": float(value) if numeric[name] else
            (value if isinstance(value, str) else json.dumps(value))
            for name, value in values.items()
        }
    return expected


def node_link_attributes():
    return {n: ({"attributes": v} if v else {}) for n, v in attributes.items()}


def compare(label, graph, visible, extra_figures):
    # read_graphml gives a MultiDiGraph only when there are parallel links.
    if not graph.is_directed() or (label == "node-link" and not graph.is_multigraph()):
        problems.append(f"{label}: read as {type(graph).__name__}")
    if set(graph.nodes) != set(expected_nodes):
        problems.append(f"{label}: nodes differ: {set(graph.nodes) ^ set(expected_nodes)}")
        return
    for node_id, figures in expected_nodes.items():
        data = graph.nodes[node_id]
        figures = {**figures, **extra_figures[node_id]}
        for key, value in figures.items():
            value = visible(value)
            got = data.get(key)
            # Numbers as numbers: an int stays int, a float float, bools bool.
            if got != value or type(got) is not type(value):
                problems.append(f"{label}: {node_id}.{key} = {got!r}, expected {value!r}")
        extra = set(data) - set(figures) - YFILES_DERIVED
        if extra:
            problems.append(f"{label}: {node_id} has unexpected {sorted(extra)}")
    got_edges = Counter(
        (s, t, tuple(sorted((k, v) for k, v in d.items() if k not in ("id", "key", "label"))))
        for s, t, d in graph.edges(data=True)
    )
    if got_edges != expected_edges:
        problems.append(
            f"{label}: edges differ\n  missing {expected_edges - got_edges}\n"
            f"  unexpected {got_edges - expected_edges}"
        )


compare("graphml", nx.read_graphml(graphml_path), xml_visible, graphml_attributes())
data = json.load(open(node_link_path, encoding="utf-8"))
compare("node-link", nx.node_link_graph(data, edges="edges"), lambda v: v, node_link_attributes())

for problem in problems:
    print(problem)
print(f"{len(expected_nodes)} nodes, {sum(expected_edges.values())} edges, {len(problems)} problems")
sys.exit(1 if problems else 0)
