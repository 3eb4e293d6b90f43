"""Drives capgraph's explorer pages in headless Chromium (selenium).

Usage: explorer.py CAPGRAPH PAGE [PAGE ...] [--speed PAGE]

For each PAGE (an HTML file written by capgraph, next to which the portfolio
is named in PAGE.args.json: {"portfolio": ..., "status": ..., "ids": [...]}),
the script checks, against what the capgraph CLI itself says:

- clicking an item lights up exactly the items `capgraph path --to ID` lists
  (upstream) and those `capgraph impact --delay ID=1 --structural` reaches
  (downstream);
- searching an item by its name selects it and brings it into view;
- the +/- buttons, the mouse wheel, a drag and the keyboard change the view box;
- no request leaves the page (resource timing entries and the DevTools
  network events) and the console shows no error.

With --speed PAGE it times clicks on PAGE (see click_speed) and prints the
figures as JSON; the median click must highlight within 100 ms.

The expected sets come from the CLI's JSON, never from the page.
"""

import json
import os
import statistics
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def browser():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--window-size=1400,900"]:
        options.add_argument(arg)
    options.binary_location = os.environ.get("CAPGRAPH_CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = os.environ.get("CAPGRAPH_CHROMEDRIVER", "/usr/bin/chromedriver")
    return webdriver.Chrome(service=Service(driver), options=options)


def cli_json(capgraph, *args):
    out = subprocess.run([capgraph, *args, "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def expected_sets(capgraph, portfolio, status, node_id):
    """Upstream and downstream of node_id as the CLI computes them."""
    scenario = ["--status", status] if status else []
    upstream = {n["id"] for n in cli_json(capgraph, "path", portfolio, "--to", node_id, *scenario)["nodes"]}
    upstream.discard(node_id)
    impact = cli_json(capgraph, "impact", portfolio, "--delay", f"{node_id}=1", "--structural")
    downstream = {n["id"] for n in impact["impacted"]}
    return upstream, downstream


def lit(driver, cls, explorer=0):
    return set(driver.execute_script(
        "return Array.from(document.querySelectorAll('.cg-explorer')[arguments[1]]"
        ".querySelectorAll('.cg-item.' + arguments[0])).map(e => e.getAttribute('data-id'));",
        cls, explorer))


def drawn(driver, explorer=0):
    """The ids of the items an explorer shows (a briefing's views show part
    of the portfolio: what the CLI says is compared on these)."""
    return set(driver.execute_script(
        "return Array.from(document.querySelectorAll('.cg-explorer')[arguments[0]]"
        ".querySelectorAll('.cg-item[data-id]')).map(e => e.getAttribute('data-id'));", explorer))


def view_box(driver, explorer=0):
    return driver.execute_script(
        "return document.querySelectorAll('.cg-explorer')[arguments[0]]"
        ".querySelector('.cg-view svg').getAttribute('viewBox');", explorer)


def item(driver, node_id, explorer=0):
    return driver.execute_script(
        "return document.querySelectorAll('.cg-explorer')[arguments[0]]"
        ".querySelector('.cg-item[data-id=\"' + CSS.escape(arguments[1]) + '\"]');",
        explorer, node_id)


def fit(driver, explorer=0):
    root = driver.find_elements(By.CSS_SELECTOR, ".cg-explorer")[explorer]
    for b in root.find_elements(By.CSS_SELECTOR, ".cg-button"):
        if b.text == "Fit":
            b.click()
    driver.find_elements(By.CSS_SELECTOR, ".cg-explorer .cg-view")[explorer].send_keys(Keys.ESCAPE)


def check_no_network_and_no_error(driver, page):
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    assert resources == [], f"{page}: the page fetched {resources}"
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    own = "file://" + os.path.abspath(page)
    others = [u for u in requests if u != own]
    assert others == [], f"{page}: requests left the page: {others}"
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], f"{page}: console errors: {errors}"


def check_page(driver, capgraph, page, args):
    driver.get("file://" + os.path.abspath(page))
    explorers = driver.execute_script("return document.querySelectorAll('.cg-explorer').length;")
    ready = driver.execute_script("return document.querySelectorAll('.cg-explorer[data-explorer-ready]').length;")
    assert explorers >= 1 and ready == explorers, f"{page}: {ready} of {explorers} explorers started"
    which = args.get("explorer", 0)
    root = driver.find_elements(By.CSS_SELECTOR, ".cg-explorer")[which]
    driver.execute_script("arguments[0].scrollIntoView();", root)

    # Click: upstream and downstream as the CLI says.
    for node_id in args["ids"]:
        fit(driver, which)
        element = item(driver, node_id, which)
        assert element is not None, f"{page}: {node_id} is not drawn"
        ActionChains(driver).move_to_element(element).click().perform()
        selected = lit(driver, "cg-sel", which)
        assert selected == {node_id}, f"{page}: clicking {node_id} selected {selected}"
        up, down = expected_sets(capgraph, args["portfolio"], args.get("status"), node_id)
        shown = drawn(driver, which)
        up, down = up & shown, down & shown
        got_up, got_down = lit(driver, "cg-up", which), lit(driver, "cg-down", which)
        assert got_up == up, f"{page}: {node_id} upstream {sorted(got_up)} != {sorted(up)}"
        assert got_down == down, f"{page}: {node_id} downstream {sorted(got_down)} != {sorted(down)}"
        panel = root.find_element(By.CSS_SELECTOR, ".cg-panel").text
        assert node_id in panel and f"upstream): {len(up)}" in panel and f"downstream): {len(down)}" in panel, panel
        print(f"{os.path.basename(page)} #{which}: {node_id}: {len(up)} upstream, {len(down)} downstream, as the CLI says")

    # Search by name: selects the item and brings it into view.
    name, node_id = args["search"]
    fit(driver, which)
    before = view_box(driver, which)
    box = root.find_element(By.CSS_SELECTOR, ".cg-search")
    box.clear()
    box.send_keys(name)
    box.send_keys(Keys.ENTER)
    assert lit(driver, "cg-sel", which) == {node_id}, f"{page}: searching {name!r} selected {lit(driver, 'cg-sel', which)}"
    after = [float(v) for v in view_box(driver, which).split()]
    assert view_box(driver, which) != before
    centre = driver.execute_script(
        "const e = arguments[0], svg = e.ownerSVGElement, b = e.getBBox();"
        "const m = svg.getScreenCTM().inverse().multiply(e.getScreenCTM());"
        "const p = svg.createSVGPoint(); p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;"
        "const q = p.matrixTransform(m); return [q.x, q.y];", item(driver, node_id, which))
    assert after[0] <= centre[0] <= after[0] + after[2] and after[1] <= centre[1] <= after[1] + after[3], \
        f"{page}: {node_id} at {centre} is outside the view box {after}"

    # Zoom and pan change the view box.
    fit(driver, which)
    view = root.find_element(By.CSS_SELECTOR, ".cg-view")
    start = [float(v) for v in view_box(driver, which).split()]
    [b for b in root.find_elements(By.CSS_SELECTOR, ".cg-button") if b.text == "+"][0].click()
    zoomed = [float(v) for v in view_box(driver, which).split()]
    assert zoomed[2] < start[2], f"{page}: + did not zoom in: {start} -> {zoomed}"
    ActionChains(driver).scroll_from_origin(ScrollOrigin.from_element(view), 0, 300).perform()
    wheeled = [float(v) for v in view_box(driver, which).split()]
    assert wheeled[2] > zoomed[2], f"{page}: the wheel did not zoom out: {zoomed} -> {wheeled}"
    ActionChains(driver).move_to_element(view).click_and_hold().move_by_offset(120, 40).release().perform()
    dragged = [float(v) for v in view_box(driver, which).split()]
    assert dragged[0] < wheeled[0] and dragged[2] == wheeled[2], f"{page}: drag: {wheeled} -> {dragged}"
    view.send_keys("+")
    keyed = [float(v) for v in view_box(driver, which).split()]
    assert keyed[2] < dragged[2], f"{page}: the + key did not zoom in"
    view.send_keys("0")
    assert [float(v) for v in view_box(driver, which).split()] == start, f"{page}: 0 did not fit the view"
    print(f"{os.path.basename(page)}: search, buttons, wheel, drag and keys work")

    check_no_network_and_no_error(driver, page)
    print(f"{os.path.basename(page)}: no request left the page, no console error")


def click_speed(driver, page):
    """Times clicks on a spread of items: every 100th by number of links,
    from hubs to leaves (`typical`), and on the 3 items with most links
    (`hubs`, which light up most of the view). `applied`: from the click
    event until the highlight is in the page with its style and layout
    computed (what the explorer's script costs); `painted`: until two
    animation frames later (the browser has drawn it too)."""
    driver.get("file://" + os.path.abspath(page))
    ranked = driver.execute_script(
        "const data = JSON.parse(document.querySelector('.cg-explorer script.cg-data').textContent);"
        "const degree = new Array(data.nodes.length).fill(0);"
        "data.links.forEach(l => { degree[l[0]]++; degree[l[1]]++; });"
        "return data.nodes.map((n, k) => [degree[k], n.id]).sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1))"
        ".map(p => p[1]);")
    nodes = driver.execute_script("return document.querySelectorAll('.cg-explorer .cg-item').length;")
    figures = {"page": os.path.basename(page), "items": nodes}
    for name, ids in [("typical", ranked[50::100]), ("hubs", ranked[:3])]:
        applied, painted = [], []
        for node_id in ids:
            times = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "const e = document.querySelector('.cg-item[data-id=\"' + CSS.escape(arguments[0]) + '\"]');"
                "const t = performance.now();"
                "e.dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                "const copy = document.querySelector('.cg-top .cg-copy');"
                "getComputedStyle(copy).stroke; document.body.getBoundingClientRect();"
                "const applied = performance.now() - t;"
                "requestAnimationFrame(() => requestAnimationFrame(() => done([applied, performance.now() - t])));",
                node_id)
            assert lit(driver, "cg-sel") == {node_id}
            applied.append(times[0])
            painted.append(times[1])
        figures[name] = {"clicks": len(applied),
                         "applied_median_ms": round(statistics.median(applied), 1),
                         "applied_max_ms": round(max(applied), 1),
                         "painted_median_ms": round(statistics.median(painted), 1),
                         "painted_max_ms": round(max(painted), 1)}
    check_no_network_and_no_error(driver, page)
    return figures


def main(argv):
    capgraph, pages = argv[0], argv[1:]
    speed = None
    if "--speed" in pages:
        i = pages.index("--speed")
        speed = pages[i + 1]
        pages = pages[:i] + pages[i + 2:]
    driver = browser()
    try:
        for page in pages:
            with open(page + ".args.json") as f:
                args = json.load(f)
            check_page(driver, capgraph, page, args)
        if speed:
            figures = click_speed(driver, speed)
            print("click speed " + json.dumps(figures))
            typical = figures["typical"]["applied_median_ms"]
            assert typical <= 100, f"a click took more than 100 ms: {figures}"
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1:])
