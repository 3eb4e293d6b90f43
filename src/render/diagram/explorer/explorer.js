/* capgraph explorer: zoom and pan, search, filters by domain and kind, and a
   click that lights up what drives an item (upstream) and what it holds up
   (downstream), for every .cg-explorer block of the page. It computes no
   figure: the side panel shows the figures capgraph wrote into the block.
   It fetches nothing. Without it, each block is a plain SVG. */
(function () {
  'use strict';

  var ZOOM_STEP = 1.25;
  var LISTED = 15;
  var KIND_WORDS = { project: 'Projects', component: 'Shared components', capability: 'Capabilities' };

  function make(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function classOf(e) {
    return e.getAttribute('class') || '';
  }

  // The outline of a line that is drawn only by paths and polygons (its
  // arrowheads): the path data of each, as one <path> can draw many lines.
  // Null when it draws anything else (a label), which then keeps a copy.
  function outline(line) {
    var parts = [];
    var shapes = line.tagName === 'path' ? [line] : Array.prototype.slice.call(line.querySelectorAll('*'));
    for (var i = 0; i < shapes.length; i++) {
      var e = shapes[i];
      var tag = e.tagName;
      // A lit line's outline takes the look's colour and width but keeps
      // its dashes; an arrowhead takes the colour and keeps its width.
      if (tag === 'path') {
        parts.push({ d: e.getAttribute('d') || '', kind: 'stroke', attribute: 'stroke-dasharray',
          value: e.getAttribute('stroke-dasharray') || '' });
      } else if (tag === 'polygon') {
        parts.push({ d: 'M' + (e.getAttribute('points') || '').trim() + 'Z', kind: 'head', attribute: 'stroke-width',
          value: e.getAttribute('stroke-width') || '' });
      } else if (tag !== 'g' && tag !== 'a' && tag !== 'title') {
        return null;
      }
    }
    return parts;
  }

  // The copy of each drawn item and line in a clone of the drawing (the
  // clone has the same elements in the same order). Ids are dropped from
  // the clone, so that the page's ids stay unique, and so are the tooltips
  // (titles): the clone is never hovered, and fewer elements restyle faster.
  // A line drawn only by paths and polygons keeps no copy: its outline is
  // drawn, when lit, by one path per look with every lit line (see drawLines),
  // which a click writes once instead of restyling thousands of copies.
  function copies(svg, clone) {
    var from = svg.querySelectorAll('*');
    // A list that stays as it is while the lines' groups are added.
    var to = clone.querySelectorAll('*');
    var map = new Map();
    var dropped = [];
    for (var i = 0; i < from.length; i++) {
      var c = to[i];
      if (c.hasAttribute('id')) { c.removeAttribute('id'); }
      if (c.tagName === 'title') { dropped.push(c); }
      var line = from[i].cgLine;
      if (line && line.parts === undefined) {
        line.parts = outline(from[i]);
        if (line.parts) {
          line.layer = linesLayer(c);
          dropped.push(c);
          continue;
        }
      }
      if (from[i].cgItem !== undefined || line) {
        c.classList.remove('cg-item', 'cg-line');
        c.classList.add('cg-copy');
        map.set(from[i], { e: c, base: classOf(c) });
      }
    }
    dropped.forEach(function (t) { t.remove(); });
    return map;
  }

  // The group that draws the lit lines of a copy's parent, placed where the
  // first of them was drawn (under the items, as Graphviz draws them).
  function linesLayer(copy) {
    var parent = copy.parentNode;
    if (!parent.cgLines) {
      // The drawing's own namespace: the page names no address at all.
      var g = document.createElementNS(parent.namespaceURI, 'g');
      g.setAttribute('class', 'cg-lines');
      parent.insertBefore(g, copy);
      parent.cgLines = { g: g, paths: {} };
    }
    return parent.cgLines;
  }

  // Draws the lit lines: for each layer and look (lit-up, lit-down), one
  // path with all their outlines (one per dash pattern) and one with all
  // their arrowheads (one per stroke width); a path is written only when
  // what it draws changes.
  function drawLines(layers, lit) {
    var wanted = new Map();
    lit.forEach(function (look, line) {
      line.parts.forEach(function (part) {
        var key = [look, part.kind, part.attribute, part.value].join('|');
        var paths = wanted.get(line.layer) || new Map();
        wanted.set(line.layer, paths);
        var list = paths.get(key);
        if (!list) { paths.set(key, list = []); }
        list.push(part.d);
      });
    });
    layers.forEach(function (layer) {
      var paths = wanted.get(layer) || new Map();
      Object.keys(layer.paths).forEach(function (key) {
        if (!paths.has(key)) { paths.set(key, []); }
      });
      paths.forEach(function (list, key) {
        var path = layer.paths[key];
        if (!path) {
          var what = key.split('|');
          path = document.createElementNS(layer.g.namespaceURI, 'path');
          path.setAttribute('class', 'cg-' + what[0] + '-' + what[1]);
          if (what[3]) { path.setAttribute(what[2], what[3]); }
          layer.g.appendChild(path);
          layer.paths[key] = path;
        }
        var d = list.join(' ');
        if ((path.getAttribute('d') || '') !== d) {
          if (d) { path.setAttribute('d', d); } else { path.removeAttribute('d'); }
        }
      });
    });
  }

  function explorer(root, number) {
    var source = root.querySelector('script.cg-data');
    var view = root.querySelector('.cg-view');
    var svg = view && view.querySelector('svg');
    if (!source || !svg) { return; }
    var data = JSON.parse(source.textContent);
    var nodes = data.nodes;
    var n = nodes.length;
    var position = {};
    var byId = {};
    var upstream = [];
    var downstream = [];
    var shapes = [];
    var lines = [];
    var k;
    for (k = 0; k < n; k++) {
      position[nodes[k].index] = k;
      byId[nodes[k].id] = k;
      upstream.push([]);
      downstream.push([]);
      shapes.push([]);
    }
    data.links.concat(data.bridges).forEach(function (link) {
      downstream[link[0]].push(link[1]);
      upstream[link[1]].push(link[0]);
    });

    function addShape(k, e) {
      e.classList.add('cg-item');
      e.setAttribute('data-id', nodes[k].id);
      e.cgItem = k;
      shapes[k].push(e);
    }
    function addLine(e, from, to) {
      e.classList.add('cg-line');
      var line = { e: e, from: from, to: to };
      e.cgLine = line;
      lines.push(line);
    }

    // Find the drawn items: Graphviz's groups carry the classes n<index>
    // and e<from>-<to>; the built-in layout draws a box then a label whose
    // first line is the id, and the lines in the order of the links.
    var groups = svg.querySelectorAll('g.node');
    if (groups.length) {
      groups.forEach(function (g) {
        var m = /(?:^|\s)n(\d+)(?:\s|$)/.exec(classOf(g));
        if (m && position[m[1]] !== undefined) { addShape(position[m[1]], g); }
      });
      svg.querySelectorAll('g.edge').forEach(function (g) {
        var m = /(?:^|\s)e(\d+)-(\d+)(?:\s|$)/.exec(classOf(g));
        if (m && position[m[1]] !== undefined && position[m[2]] !== undefined) {
          addLine(g, position[m[1]], position[m[2]]);
        }
      });
    } else {
      svg.querySelectorAll('text').forEach(function (t) {
        var first = t.querySelector('tspan') || t;
        var k = byId[first.textContent];
        if (k === undefined || shapes[k].length) { return; }
        addShape(k, t);
        var box = t.previousElementSibling;
        if (box && box.tagName.toLowerCase() === 'g') { addShape(k, box); }
      });
      var paths = Array.prototype.filter.call(svg.querySelectorAll('path'), function (p) {
        return !p.closest('defs');
      });
      if (paths.length === data.links.length) {
        paths.forEach(function (p, i) { addLine(p, data.links[i][0], data.links[i][1]); });
      }
    }

    // ---- layout of the block: toolbar, drawing, panel --------------------
    root.classList.add('cg-live');
    var tools = make('div', 'cg-tools');
    var finder = make('div', 'cg-finder');
    var search = make('input', 'cg-search');
    search.type = 'search';
    search.placeholder = 'Find a project, component or capability (id or name)';
    search.setAttribute('aria-label', 'Find an item by id or name');
    search.autocomplete = 'off';
    var matches = make('ul', 'cg-matches');
    matches.hidden = true;
    finder.appendChild(search);
    finder.appendChild(matches);
    tools.appendChild(finder);
    function button(text, title, action) {
      var b = make('button', 'cg-button', text);
      b.type = 'button';
      b.title = title;
      b.setAttribute('aria-label', title);
      b.addEventListener('click', action);
      tools.appendChild(b);
      return b;
    }
    button('+', 'Zoom in (+)', function () { zoomCentre(ZOOM_STEP); });
    button('\u2212', 'Zoom out (\u2212)', function () { zoomCentre(1 / ZOOM_STEP); });
    button('Fit', 'Show the whole diagram (0)', function () { setBox(home); });
    var filters = make('details', 'cg-filters');
    filters.appendChild(make('summary', '', 'Filter'));
    var menu = make('div', 'cg-filter-menu');
    filters.appendChild(menu);
    tools.appendChild(filters);
    var help = make('span', 'cg-help',
      'Click an item to see what drives it and what it holds up. Scroll to zoom, drag to move, Esc to clear.');
    tools.appendChild(help);
    root.insertBefore(tools, view);
    var body = make('div', 'cg-body');
    root.insertBefore(body, view);
    body.appendChild(view);
    var panel = make('aside', 'cg-panel');
    panel.setAttribute('aria-live', 'polite');
    body.appendChild(panel);
    // Lighting up: a veil over the drawing and, above it, a copy of the
    // drawing (the lit layer) in which everything is invisible until lit.
    // The copy is made once, after the page is first shown (or at the first
    // click, if that comes sooner); a click then only changes the class of
    // the item copies whose look changes and rewrites the few paths that
    // draw the lit lines. The drawing itself is never touched, so even an
    // item that lights up most of a 2 000-item view stays quick.
    // The veil's own class shows it: a class on the view would make the
    // browser look through the whole drawing for what it styles.
    var veil = make('div', 'cg-veil');
    view.appendChild(veil);
    var top = null;
    var copyOf = null;
    var lineLayers = [];
    function litLayer() {
      if (top) { return; }
      top = svg.cloneNode(true);
      top.setAttribute('class', 'cg-top');
      top.setAttribute('aria-hidden', 'true');
      top.removeAttribute('id');
      copyOf = copies(svg, top);
      lines.forEach(function (l) {
        if (l.layer && lineLayers.indexOf(l.layer) < 0) { lineLayers.push(l.layer); }
      });
      view.appendChild(top);
    }
    window.requestAnimationFrame(function () { window.setTimeout(litLayer, 0); });
    view.tabIndex = 0;
    view.setAttribute('aria-label', 'Diagram: use + and \u2212 to zoom, the arrow keys to move, 0 to fit');

    // ---- zoom and pan: the SVG's view box --------------------------------
    var base = svg.viewBox.baseVal;
    var home;
    if (base && base.width > 0 && base.height > 0) {
      home = { x: base.x, y: base.y, w: base.width, h: base.height };
    } else {
      var r = svg.getBBox();
      home = { x: r.x, y: r.y, w: Math.max(r.width, 1), h: Math.max(r.height, 1) };
    }
    // The drawing keeps its own width and height (print uses them); on
    // screen the style fills the view with it.
    var box = { x: home.x, y: home.y, w: home.w, h: home.h };
    function setBox(b) {
      var w = Math.min(Math.max(b.w, home.w / 60), home.w * 4);
      var h = b.h * (w / b.w);
      var cx = b.x + b.w / 2;
      var cy = b.y + b.h / 2;
      box = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
      var text = [box.x, box.y, box.w, box.h].join(' ');
      svg.setAttribute('viewBox', text);
      if (top) { top.setAttribute('viewBox', text); }
    }
    setBox(home);
    function zoomAt(factor, px, py) {
      var w = box.w / factor;
      var h = box.h / factor;
      var limited = Math.min(Math.max(w, home.w / 60), home.w * 4);
      factor = box.w / limited;
      setBox({ x: px - (px - box.x) / factor, y: py - (py - box.y) / factor,
        w: box.w / factor, h: box.h / factor });
    }
    function zoomCentre(factor) {
      zoomAt(factor, box.x + box.w / 2, box.y + box.h / 2);
    }
    function toDrawing(clientX, clientY) {
      var p = svg.createSVGPoint();
      p.x = clientX;
      p.y = clientY;
      return p.matrixTransform(svg.getScreenCTM().inverse());
    }
    view.addEventListener('wheel', function (e) {
      e.preventDefault();
      var delta = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
      var p = toDrawing(e.clientX, e.clientY);
      zoomAt(Math.pow(1.0015, -delta), p.x, p.y);
    }, { passive: false });
    var drag = null;
    var dragged = false;
    view.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) { return; }
      drag = { x: e.clientX, y: e.clientY, box: box, scale: svg.getScreenCTM().a, id: e.pointerId };
      dragged = false;
    });
    view.addEventListener('pointermove', function (e) {
      if (!drag) { return; }
      var dx = e.clientX - drag.x;
      var dy = e.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) { return; }
      if (!dragged) {
        dragged = true;
        view.classList.add('cg-dragging');
        view.setPointerCapture(drag.id);
      }
      setBox({ x: drag.box.x - dx / drag.scale, y: drag.box.y - dy / drag.scale,
        w: drag.box.w, h: drag.box.h });
    });
    function endDrag() {
      drag = null;
      view.classList.remove('cg-dragging');
    }
    view.addEventListener('pointerup', endDrag);
    view.addEventListener('pointercancel', endDrag);
    view.addEventListener('keydown', function (e) {
      var step = 0.1;
      var handled = true;
      switch (e.key) {
        case '+': case '=': zoomCentre(ZOOM_STEP); break;
        case '-': case '_': zoomCentre(1 / ZOOM_STEP); break;
        case '0': setBox(home); break;
        case 'ArrowLeft': setBox({ x: box.x - box.w * step, y: box.y, w: box.w, h: box.h }); break;
        case 'ArrowRight': setBox({ x: box.x + box.w * step, y: box.y, w: box.w, h: box.h }); break;
        case 'ArrowUp': setBox({ x: box.x, y: box.y - box.h * step, w: box.w, h: box.h }); break;
        case 'ArrowDown': setBox({ x: box.x, y: box.y + box.h * step, w: box.w, h: box.h }); break;
        case 'Escape': clear(); break;
        case '/': search.focus(); break;
        default: handled = false;
      }
      if (handled) { e.preventDefault(); }
    });
    window.addEventListener('beforeprint', function () { setBox(home); });

    // ---- selection: upstream and downstream ------------------------------
    var selected = -1;
    // The class each lit copy has now (a copy is lit when it is a key).
    var shown = new Map();
    // The look of each lit line drawn by the lines' paths (see drawLines).
    var shownLines = new Map();
    function reach(start, adjacency) {
      var seen = new Uint8Array(n);
      var stack = [start];
      var found = [];
      seen[start] = 1;
      while (stack.length) {
        var next = adjacency[stack.pop()];
        for (var i = 0; i < next.length; i++) {
          var w = next[i];
          if (!seen[w]) {
            seen[w] = 1;
            found.push(w);
            stack.push(w);
          }
        }
      }
      found.sort(function (a, b) { return a - b; });
      return { list: found, seen: seen };
    }
    // Lights up the copies in next (copy -> its look: cg-sel, cg-up,
    // cg-down, cg-lit-up or cg-lit-down), writing only the classes that
    // change: one write per changed copy, no read, so the browser restyles
    // those copies once and lays out nothing.
    function show(next, nextLines) {
      shown.forEach(function (cls, c) {
        if (!next.has(c)) { c.e.setAttribute('class', c.base); }
      });
      next.forEach(function (cls, c) {
        if (shown.get(c) !== cls) { c.e.setAttribute('class', cls); }
      });
      shown = next;
      if (nextLines.size || shownLines.size) { drawLines(lineLayers, nextLines); }
      shownLines = nextLines;
      veil.classList.toggle('cg-shown', next.size + nextLines.size > 0);
    }
    function clear() {
      show(new Map(), new Map());
      selected = -1;
      root.classList.remove('cg-focus');
      showHint();
    }
    function select(k) {
      litLayer();
      selected = k;
      var up = reach(k, upstream);
      var down = reach(k, downstream);
      var next = new Map();
      var nextLines = new Map();
      function light(e, look) {
        var c = copyOf.get(e);
        if (c) { next.set(c, c.base + ' cg-on cg-' + look); }
      }
      function lightLine(l, look) {
        if (l.layer) { nextLines.set(l, look); } else { light(l.e, look); }
      }
      for (var i = 0; i < lines.length; i++) {
        var l = lines[i];
        if (hidden[l.from] || hidden[l.to]) { continue; }
        if (up.seen[l.from] && up.seen[l.to] && l.from !== k) {
          lightLine(l, 'lit-up');
        } else if (down.seen[l.from] && down.seen[l.to] && l.to !== k) {
          lightLine(l, 'lit-down');
        }
      }
      function lightItem(v, look) {
        if (!hidden[v]) { shapes[v].forEach(function (e) { light(e, look); }); }
      }
      up.list.forEach(function (v) { lightItem(v, 'up'); });
      down.list.forEach(function (v) { lightItem(v, 'down'); });
      lightItem(k, 'sel');
      show(next, nextLines);
      root.classList.add('cg-focus');
      showItem(k, up.list, down.list);
    }

    // ---- the side panel --------------------------------------------------
    function showHint() {
      panel.textContent = '';
      panel.appendChild(make('h3', 'cg-title', 'No item selected'));
      panel.appendChild(make('p', 'cg-hint',
        'Click a project, component or capability, or find one by id or name above. ' +
        'What drives it (upstream) turns blue, what it holds up (downstream) purple, the rest fades.'));
    }
    function itemList(title, cls, list) {
      var section = make('section', 'cg-related');
      var heading = make('h4', '', title + ': ' + list.length);
      heading.insertBefore(make('span', 'cg-chip ' + cls), heading.firstChild);
      section.appendChild(heading);
      if (!list.length) { return section; }
      var ul = make('ul', '');
      list.slice(0, LISTED).forEach(function (v) {
        var li = make('li', '');
        var a = make('button', 'cg-link', nodes[v].id);
        a.type = 'button';
        a.title = nodes[v].name;
        a.addEventListener('click', function () { select(v); bringIntoView(v); });
        li.appendChild(a);
        li.appendChild(document.createTextNode(' ' + nodes[v].name));
        ul.appendChild(li);
      });
      if (list.length > LISTED) {
        ul.appendChild(make('li', 'cg-more', '\u2026 and ' + (list.length - LISTED) + ' more'));
      }
      section.appendChild(ul);
      return section;
    }
    function showItem(k, up, down) {
      var d = nodes[k];
      panel.textContent = '';
      panel.appendChild(make('h3', 'cg-title', d.id));
      panel.appendChild(make('p', 'cg-name', d.name));
      var dl = make('dl', '');
      d.facts.forEach(function (f) {
        dl.appendChild(make('dt', '', f[0]));
        var dd = make('dd', '');
        // Each step of a chain stays on one line (ids break at their hyphens).
        f[1].split(' \u2192 ').forEach(function (step, i) {
          if (i > 0) { dd.appendChild(document.createTextNode(' \u2192 ')); }
          dd.appendChild(f[1].indexOf(' \u2192 ') < 0 ? document.createTextNode(step) : make('span', 'cg-nw', step));
        });
        dl.appendChild(dd);
      });
      panel.appendChild(dl);
      panel.appendChild(itemList('What drives it (upstream)', 'cg-chip-up', up));
      panel.appendChild(itemList('What it holds up (downstream)', 'cg-chip-down', down));
    }
    showHint();
    view.addEventListener('click', function (e) {
      if (dragged) { dragged = false; return; }
      var t = e.target;
      while (t && t !== view && t.cgItem === undefined) { t = t.parentNode; }
      if (t && t.cgItem !== undefined) { select(t.cgItem); } else { clear(); }
    });

    // ---- search -----------------------------------------------------------
    function find(text) {
      var q = text.trim().toLowerCase();
      if (!q) { return []; }
      var exact = [];
      var starts = [];
      var contains = [];
      for (var k = 0; k < n; k++) {
        var id = nodes[k].id.toLowerCase();
        var name = nodes[k].name.toLowerCase();
        if (id === q || name === q) { exact.push(k); }
        else if (id.indexOf(q) === 0 || name.indexOf(q) === 0) { starts.push(k); }
        else if (id.indexOf(q) >= 0 || name.indexOf(q) >= 0) { contains.push(k); }
      }
      return exact.concat(starts, contains);
    }
    function bringIntoView(k) {
      var e = shapes[k][0];
      if (!e) { return; }
      if (hidden[k]) {
        kindBoxes[nodes[k].kind].checked = true;
        domainBoxes[nodes[k].domain || ''].checked = true;
        applyFilters();
      }
      var b = e.getBBox();
      var m = svg.getScreenCTM().inverse().multiply(e.getScreenCTM());
      var p = svg.createSVGPoint();
      p.x = b.x; p.y = b.y;
      var a = p.matrixTransform(m);
      p.x = b.x + b.width; p.y = b.y + b.height;
      var c = p.matrixTransform(m);
      var aspect = view.clientHeight / Math.max(view.clientWidth, 1);
      var w = Math.min(home.w, Math.max(Math.abs(c.x - a.x) * 6, home.w / 6));
      var h = w * aspect;
      setBox({ x: (a.x + c.x) / 2 - w / 2, y: (a.y + c.y) / 2 - h / 2, w: w, h: h });
    }
    function choose(k) {
      matches.hidden = true;
      select(k);
      bringIntoView(k);
    }
    search.addEventListener('input', function () {
      var found = find(search.value);
      matches.textContent = '';
      found.slice(0, 8).forEach(function (k) {
        var li = make('li', '');
        var b = make('button', 'cg-match', '');
        b.type = 'button';
        b.appendChild(make('strong', '', nodes[k].id));
        b.appendChild(document.createTextNode(' ' + nodes[k].name));
        b.addEventListener('click', function () { choose(k); });
        li.appendChild(b);
        matches.appendChild(li);
      });
      if (search.value.trim() && !found.length) {
        matches.appendChild(make('li', 'cg-none', 'Nothing in this diagram matches.'));
      }
      matches.hidden = !search.value.trim();
    });
    search.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        var found = find(search.value);
        if (found.length) { choose(found[0]); }
        e.preventDefault();
      } else if (e.key === 'Escape') {
        matches.hidden = true;
      }
    });

    // ---- filters by kind and domain --------------------------------------
    var hidden = new Uint8Array(n);
    var kindBoxes = {};
    var domainBoxes = {};
    function checkbox(group, label, store, key) {
      var l = make('label', 'cg-check');
      var c = make('input', '');
      c.type = 'checkbox';
      c.checked = true;
      c.addEventListener('change', applyFilters);
      l.appendChild(c);
      l.appendChild(document.createTextNode(' ' + label));
      group.appendChild(l);
      store[key] = c;
    }
    var kindGroup = make('fieldset', 'cg-group');
    kindGroup.appendChild(make('legend', '', 'Show'));
    data.kinds.forEach(function (kind) { checkbox(kindGroup, KIND_WORDS[kind] || kind, kindBoxes, kind); });
    menu.appendChild(kindGroup);
    var domainGroup = make('fieldset', 'cg-group');
    domainGroup.appendChild(make('legend', '', 'Domains'));
    data.domains.forEach(function (domain) { checkbox(domainGroup, domain, domainBoxes, domain); });
    if (nodes.some(function (d) { return !d.domain; })) {
      checkbox(domainGroup, 'no domain', domainBoxes, '');
    }
    menu.appendChild(domainGroup);
    function applyFilters() {
      for (var k = 0; k < n; k++) {
        var d = nodes[k];
        var off = !kindBoxes[d.kind].checked || !domainBoxes[d.domain || ''].checked;
        if (off !== !!hidden[k]) {
          hidden[k] = off ? 1 : 0;
          shapes[k].forEach(function (e) { e.classList.toggle('cg-hidden', off); });
        }
      }
      lines.forEach(function (l) {
        l.e.classList.toggle('cg-hidden', !!(hidden[l.from] || hidden[l.to]));
      });
      if (selected >= 0) { select(selected); }
    }

    // A link to page.html#ID opens with that item selected.
    var wanted = decodeURIComponent(window.location.hash.slice(1));
    if (wanted && byId[wanted] !== undefined && !document.querySelector('.cg-focus')) {
      choose(byId[wanted]);
    }
    root.setAttribute('data-explorer-ready', String(number));
  }

  function start() {
    document.querySelectorAll('.cg-explorer').forEach(explorer);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
