"""Drives capgraph's explorer pages in headless Firefox (Debian's firefox-esr)
through its built-in WebDriver BiDi server: no geckodriver, nothing but
Firefox and the websocket-client package.

Usage: explorer_firefox.py CAPGRAPH PAGE [PAGE ...]

For each PAGE (with PAGE.args.json, as for explorer.py, whose checks against
the CLI this script reuses), in Firefox:

- a real mouse click on an item lights up exactly the items `capgraph path
  --to ID` lists (upstream) and those `capgraph impact --delay ID=1
  --structural` reaches (downstream), and the panel counts them;
- typing an item's name in the search box and Enter selects it and brings it
  into view;
- the + button, the mouse wheel, a drag and the keyboard change the view
  box, 0 fits;
- no request other than the page itself (network.beforeRequestSent; data:
  URLs are inline) and no console error (log.entryAdded).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import websocket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from explorer import drawn, expected_sets, item, lit, view_box  # noqa: E402


class Firefox:
    """A headless Firefox and one BiDi session with its first tab; offers
    the selenium calls explorer.py's helpers use (execute_script)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="capgraph-firefox-")
        binary = os.environ.get("CAPGRAPH_FIREFOX", "firefox-esr")
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-remote", "--profile", self.profile,
             "--remote-debugging-port", "0", "--width", "1400", "--height", "900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        address = None
        deadline = time.time() + 120
        while address is None and time.time() < deadline:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            if "WebDriver BiDi listening on " in line:
                address = line.split("WebDriver BiDi listening on ", 1)[1].strip()
        assert address, "Firefox did not start its WebDriver BiDi server"
        self.socket = websocket.create_connection(address + "/session", timeout=300, suppress_origin=True)
        self.next_id = 0
        self.events = []
        self.capabilities = self.send("session.new", {"capabilities": {}})["capabilities"]
        self.send("session.subscribe", {"events": ["log.entryAdded", "network.beforeRequestSent"]})
        tree = self.send("browsingContext.getTree", {})
        self.context = tree["contexts"][0]["context"]

    def send(self, method, params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("type") == "event":
                self.events.append(message)
            elif message.get("id") == self.next_id:
                if message.get("type") == "error":
                    raise AssertionError(f"{method}: {message.get('error')}: {message.get('message')}")
                return message["result"]

    def quit(self):
        try:
            self.send("session.end", {})
        except Exception:  # the browser is going anyway
            pass
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def get(self, url):
        self.send("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def call(self, function, args, await_promise=False):
        result = self.send("script.callFunction", {
            "functionDeclaration": function,
            "arguments": [serialise(a) for a in args],
            "target": {"context": self.context},
            "awaitPromise": await_promise,
            "resultOwnership": "root",
        })
        if result.get("type") == "exception":
            raise AssertionError(f"script error: {result['exceptionDetails'].get('text')}")
        return deserialise(result["result"])

    def execute_script(self, body, *args):
        return self.call("function () {" + body + "\n}", args)

    def execute_async_script(self, body, *args):
        return self.call(
            "function () { const args = Array.from(arguments); return new Promise(done => {"
            " args.push(done); (function () {" + body + "\n}).apply(null, args); }); }",
            args, await_promise=True)

    def actions(self, *sources):
        self.send("input.performActions", {"context": self.context, "actions": list(sources)})
        self.send("input.releaseActions", {"context": self.context})

    def click(self, element):
        self.actions({"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [
            {"type": "pointerMove", "x": 0, "y": 0, "origin": {"type": "element", "element": element}},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0}]})

    def drag(self, element, dx, dy):
        self.actions({"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [
            {"type": "pointerMove", "x": 0, "y": 0, "origin": {"type": "element", "element": element}},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerMove", "x": dx // 2, "y": dy // 2, "origin": "pointer", "duration": 50},
            {"type": "pointerMove", "x": dx - dx // 2, "y": dy - dy // 2, "origin": "pointer", "duration": 50},
            {"type": "pointerUp", "button": 0}]})

    def wheel(self, element, delta_y):
        self.actions({"type": "wheel", "id": "wheel", "actions": [
            {"type": "scroll", "x": 0, "y": 0, "deltaX": 0, "deltaY": delta_y,
             "origin": {"type": "element", "element": element}}]})

    def type(self, text):
        keys = []
        for ch in text:
            keys += [{"type": "keyDown", "value": ch}, {"type": "keyUp", "value": ch}]
        self.actions({"type": "key", "id": "keyboard", "actions": keys})


ENTER = "\ue007"
ESCAPE = "\ue00c"


def serialise(value):
    if isinstance(value, dict) and "sharedId" in value:
        return {"sharedId": value["sharedId"]}
    if isinstance(value, bool):
        return {"type": "boolean", "value": value}
    if isinstance(value, (int, float)):
        return {"type": "number", "value": value}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if value is None:
        return {"type": "null"}
    raise TypeError(f"cannot pass {value!r} to the page")


def deserialise(remote):
    kind = remote["type"]
    if kind in ("string", "number", "boolean"):
        return remote["value"]
    if kind in ("null", "undefined"):
        return None
    if kind == "array":
        return [deserialise(v) for v in remote["value"]]
    if kind == "object":
        return {deserialise(k) if isinstance(k, dict) else k: deserialise(v) for k, v in remote["value"]}
    if kind == "node":
        return {"sharedId": remote["sharedId"]}
    raise TypeError(f"unexpected value from the page: {remote}")


def in_explorer(driver, selector, which, text=None):
    """The first element matching selector in explorer `which` (with that
    text, when given)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.cg-explorer')[arguments[0]].querySelectorAll(arguments[1]))"
        ".find(e => arguments[2] === null || e.textContent === arguments[2]) || null;",
        which, selector, text)


def boxed(driver, which):
    return [float(v) for v in view_box(driver, which).split()]


def check_page(driver, capgraph, page, args):
    url = "file://" + os.path.abspath(page)
    driver.events.clear()
    driver.get(url)
    # The page's own script, once the load event has run.
    ready = driver.execute_script(
        "return [document.querySelectorAll('.cg-explorer').length,"
        " document.querySelectorAll('.cg-explorer[data-explorer-ready]').length];")
    assert ready[0] >= 1 and ready[0] == ready[1], f"{page}: {ready[1]} of {ready[0]} explorers started"
    which = args.get("explorer", 0)
    driver.execute_script("document.querySelectorAll('.cg-explorer')[arguments[0]].scrollIntoView();", which)
    view = in_explorer(driver, ".cg-view", which)
    fit = in_explorer(driver, ".cg-button", which, "Fit")

    for node_id in args["ids"]:
        driver.click(fit)
        element = item(driver, node_id, which)
        assert element is not None, f"{page}: {node_id} is not drawn"
        driver.click(element)
        selected = lit(driver, "cg-sel", which)
        assert selected == {node_id}, f"{page}: clicking {node_id} selected {selected}"
        up, down = expected_sets(capgraph, args["portfolio"], args.get("status"), node_id)
        shown = drawn(driver, which)
        up, down = up & shown, down & shown
        got_up, got_down = lit(driver, "cg-up", which), lit(driver, "cg-down", which)
        assert got_up == up, f"{page}: {node_id} upstream {sorted(got_up)} != {sorted(up)}"
        assert got_down == down, f"{page}: {node_id} downstream {sorted(got_down)} != {sorted(down)}"
        panel = driver.execute_script(
            "return document.querySelectorAll('.cg-explorer')[arguments[0]].querySelector('.cg-panel').textContent;", which)
        assert node_id in panel and f"upstream): {len(up)}" in panel and f"downstream): {len(down)}" in panel, panel
        print(f"firefox {os.path.basename(page)} #{which}: {node_id}: {len(up)} upstream, "
              f"{len(down)} downstream, as the CLI says")

    # Search by name: typed, then Enter.
    name, node_id = args["search"]
    driver.click(fit)
    before = view_box(driver, which)
    search = in_explorer(driver, ".cg-search", which)
    driver.click(search)
    driver.type(name + ENTER)
    assert lit(driver, "cg-sel", which) == {node_id}, \
        f"{page}: searching {name!r} selected {lit(driver, 'cg-sel', which)}"
    after = boxed(driver, which)
    assert view_box(driver, which) != before
    centre = driver.execute_script(
        "const e = arguments[0], svg = e.ownerSVGElement, b = e.getBBox();"
        "const m = svg.getScreenCTM().inverse().multiply(e.getScreenCTM());"
        "const p = svg.createSVGPoint(); p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;"
        "const q = p.matrixTransform(m); return [q.x, q.y];", item(driver, node_id, which))
    assert after[0] <= centre[0] <= after[0] + after[2] and after[1] <= centre[1] <= after[1] + after[3], \
        f"{page}: {node_id} at {centre} is outside the view box {after}"

    # Zoom: the + button, the wheel, the keyboard.
    driver.click(fit)
    start = boxed(driver, which)
    driver.click(in_explorer(driver, ".cg-button", which, "+"))
    zoomed = boxed(driver, which)
    assert zoomed[2] < start[2], f"{page}: + did not zoom in: {start} -> {zoomed}"
    driver.wheel(view, 300)
    wheeled = boxed(driver, which)
    assert wheeled[2] > zoomed[2], f"{page}: the wheel did not zoom out: {zoomed} -> {wheeled}"
    driver.drag(view, 120, 40)
    dragged = boxed(driver, which)
    assert dragged[0] < wheeled[0] and dragged[2] == wheeled[2], f"{page}: drag: {wheeled} -> {dragged}"
    driver.execute_script("arguments[0].focus();", view)
    driver.type("+")
    keyed = boxed(driver, which)
    assert keyed[2] < dragged[2], f"{page}: the + key did not zoom in"
    driver.type("0")
    assert boxed(driver, which) == start, f"{page}: 0 did not fit the view"
    print(f"firefox {os.path.basename(page)}: search, buttons, wheel, drag and keys work")

    # Nothing fetched, nothing wrong.
    driver.execute_async_script("const done = arguments[arguments.length - 1]; setTimeout(done, 200);")
    requests = [e["params"]["request"]["url"] for e in driver.events
                if e["method"] == "network.beforeRequestSent" and e["params"].get("context") == driver.context]
    # data: URLs are inline (Firefox decodes one for its own form controls'
    # font): they fetch nothing.
    others = [u for u in requests if u != url and not u.startswith("data:")]
    assert others == [], f"{page}: requests left the page: {others}"
    errors = [e["params"].get("text") for e in driver.events
              if e["method"] == "log.entryAdded" and e["params"].get("level") == "error"]
    assert errors == [], f"{page}: console errors: {errors}"
    print(f"firefox {os.path.basename(page)}: no request left the page, no console error")


def main(argv):
    capgraph, pages = argv[0], argv[1:]
    driver = Firefox()
    try:
        print(f"{driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')}, WebDriver BiDi")
        for page in pages:
            with open(page + ".args.json") as f:
                args = json.load(f)
            check_page(driver, capgraph, page, args)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1:])
