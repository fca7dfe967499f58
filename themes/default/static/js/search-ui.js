/*
 * parcours search interface: the results panel under every search form and
 * the search page, over the index that search-core.js queries. Plain
 * JavaScript, no build step, no dependency.
 *
 * MARKUP THIS SCRIPT EXPECTS
 *
 * 1. On every page, once: the interface strings, search-core.js, then this
 *    script. The strings come from the theme's i18n files (the scripts
 *    partial renders them); data-index is the URL of the index folder,
 *    absolute or relative to this script's own URL (so the same value works
 *    on every page of a --relative-urls build):
 *
 *      <script type="application/json" id="search-strings">{"search": "Rechercher", …}</script>
 *      <script src="/js/search-core.js" defer></script>
 *      <script src="/js/search-ui.js" data-index="../search/index/" defer></script>
 *
 * 2. On every page, a search form (several are fine). Its action is the
 *    search page, which is also where "all results" links go. Without
 *    JavaScript it simply submits to the search page.
 *
 *      <form class="search-form" role="search" action="/search/" method="get">
 *        <label for="search-q">Rechercher</label>
 *        <input id="search-q" type="search" name="q" autocomplete="off">
 *      </form>
 *
 *    The script adds the results panel (<div class="search-results">) at
 *    the end of the form; position the form (position: relative) and
 *    search.css places the panel under the input. "/" focuses the input.
 *
 * 3. On the search page only:
 *
 *      <div id="search-page">
 *        <noscript><p>La recherche nécessite JavaScript.</p></noscript>
 *      </div>
 *
 *    The script fills it with a search box, a status line, the filters
 *    (kind, scopes, tools, sectors, with counts) and the results. The query
 *    and filters live in the URL: /search/?q=onboarding&tools=Salesforce.
 *
 * Result URLs in the index are resolved against the index folder's URL:
 * root-relative URLs (/cases/qonto/) for a site served from its root,
 * URLs relative to the index folder (../cases/qonto/index.html) for a
 * --relative-urls build.
 *
 * Every text that comes from the index or the user is inserted as DOM text
 * nodes (textContent, <mark> elements), never as HTML.
 */
(function (root) {
  "use strict";

  var S = root.parcoursSearchCore;
  if (!S || typeof document === "undefined") return;
  var Index = S.Index, normalize = S.normalize, refine = S.refine, WORD = S.WORD;

  // Strings from the theme's i18n files; a missing one shows its key, as
  // in the templates. {n} in a count stands for the number.
  var stringsEl = document.getElementById("search-strings");
  var STRINGS = stringsEl ? JSON.parse(stringsEl.textContent) : {};
  var LANG = document.documentElement.lang || undefined;
  function msg(key) { return typeof STRINGS[key] === "string" ? STRINGS[key] : key; }
  function label(group, key) { return (STRINGS[group] || {})[key] || key; }
  function plural(key, n) {
    return msg(n === 1 ? key + "_one" : key + "_many").replace("{n}", n.toLocaleString(LANG));
  }
  function count(n) { return n === 0 ? msg("results_none") : plural("results", n); }

  var script = document.currentScript;
  var base = new URL((script && script.getAttribute("data-index")) || "search-index/",
    (script && script.src) || document.baseURI).href;
  if (base.slice(-1) !== "/") base += "/";

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url;
      s.async = true;
      s.onload = function () { s.remove(); resolve(); };
      s.onerror = function () { s.remove(); reject(new Error("cannot load " + url)); };
      document.head.appendChild(s);
    });
  }

  var index = new Index(base, loadScript);
  root.parcoursSearch = index.sink;

  var uid = 0;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function resultURL(hit) {
    var u = new URL(hit.url, base);
    if (u.protocol !== "http:" && u.protocol !== "https:" && u.protocol !== "file:") return "#";
    if (hit.anchor) u.hash = hit.anchor;
    return u.href;
  }

  // termsOf normalises a word of a result once: titles and excerpts
  // repeat words, and a page of results is drawn again as filters change.
  var seen = new Map();
  function termsOf(lang, word) {
    var key = lang + " " + word, t = seen.get(key);
    if (t === undefined) {
      t = normalize(lang, word);
      seen.set(key, t);
    }
    return t;
  }

  // excerpt returns a window of text around its first matching word, the
  // words whose term the query matched wrapped in <mark>.
  function excerpt(lang, text, terms, size) {
    var marks = [], m, re = new RegExp(WORD.source, "gu");
    while ((m = re.exec(text)) !== null) {
      var t = termsOf(lang, m[0]);
      if (t.length === 1 && terms.has(t[0])) marks.push([m.index, m.index + m[0].length]);
    }
    var start = 0, end = text.length;
    if (text.length > size) {
      if (marks.length > 0 && marks[0][0] > size / 3) {
        start = text.lastIndexOf(" ", marks[0][0] - Math.floor(size / 3)) + 1;
        // Begin with the unit (table cell, journey lane item) the match
        // is in, when it starts in the window: the indexer ends units
        // with " ·".
        var unit = text.lastIndexOf(" · ", marks[0][0]);
        if (unit >= start) start = unit + 3;
      }
      end = text.indexOf(" ", start + size);
      if (end < 0) end = text.length;
    }
    var out = el("span", "search-excerpt"), at = start;
    if (start > 0) out.appendChild(document.createTextNode("… "));
    marks.forEach(function (r) {
      if (r[0] < at || r[1] > end) return;
      out.appendChild(document.createTextNode(text.slice(at, r[0])));
      out.appendChild(el("mark", "", text.slice(r[0], r[1])));
      at = r[1];
    });
    out.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return out;
  }

  // In the panel a hit is a listbox option, which must not hold a link
  // (an interactive control inside another): it navigates on click. On the
  // search page results are a plain list of real links.
  function renderHit(lang, hit, terms, id, option) {
    var li = el("li", "search-hit");
    li.id = id;
    li.setAttribute("data-href", resultURL(hit));
    var a;
    if (option) {
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      a = el("span", "search-hit-link");
      li.addEventListener("click", function () { window.location.href = li.getAttribute("data-href"); });
    } else {
      a = el("a", "search-hit-link");
      a.href = resultURL(hit);
    }
    var head = el("span", "search-hit-head");
    if (hit.kind) head.appendChild(el("span", "search-kind", label("kinds", hit.kind)));
    // The title shows its matches too: excerpt keeps a whole title.
    var title = excerpt(lang, hit.title, terms, Infinity);
    title.className = "search-title";
    head.appendChild(title);
    a.appendChild(head);
    if (hit.heading) a.appendChild(el("span", "search-heading", hit.heading));
    if (hit.excerpt) a.appendChild(excerpt(lang, hit.excerpt, terms, 180));
    li.appendChild(a);
    return li;
  }

  function fragments(hits) {
    return Promise.all(hits.map(function (h) {
      return index.doc(h.doc, h.loc);
    }));
  }

  // Keyboard navigation shared by the panel and the search page: the input
  // keeps focus, arrows move an active option, Enter follows it.
  function navigable(input, list) {
    var active = -1;
    function options() { return list.querySelectorAll(".search-hit"); }
    function show(i) {
      var opts = options();
      if (active >= 0 && opts[active]) {
        opts[active].classList.remove("is-active");
        if (opts[active].getAttribute("role") === "option") opts[active].setAttribute("aria-selected", "false");
      }
      active = i;
      if (i >= 0 && opts[i]) {
        opts[i].classList.add("is-active");
        if (opts[i].getAttribute("role") === "option") {
          opts[i].setAttribute("aria-selected", "true");
          input.setAttribute("aria-activedescendant", opts[i].id);
        }
        opts[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    input.addEventListener("keydown", function (ev) {
      var n = options().length;
      if (ev.key === "ArrowDown" && n > 0) {
        ev.preventDefault();
        show((active + 1) % n);
      } else if (ev.key === "ArrowUp" && n > 0) {
        ev.preventDefault();
        show(active <= 0 ? n - 1 : active - 1);
      } else if (ev.key === "Enter" && active >= 0 && options()[active]) {
        ev.preventDefault();
        window.location.href = options()[active].getAttribute("data-href");
      }
    });
    return function reset() { active = -1; input.removeAttribute("aria-activedescendant"); };
  }

  // serial runs fn (which returns a promise) at once when no run is under
  // way, and otherwise once more when the current one ends, for whatever
  // was typed meanwhile: the results follow the last key press without a
  // debounce's wait, and fast typing still costs one search at a time
  // rather than one per key.
  function serial(fn) {
    var busy = false, again = false;
    function go() {
      busy = true;
      again = false;
      Promise.resolve().then(fn).then(done, done);
    }
    function done() {
      busy = false;
      if (again) go();
    }
    return function () {
      if (busy) again = true;
      else go();
    };
  }

  /* The panel under every search form. */

  // The panel shows the first results only, which a common word's list
  // holds in its head: its tail, all the other documents, is not loaded.
  var PANEL_HITS = 5;

  function setupForm(form) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    var panel = el("div", "search-results");
    panel.id = "search-results-" + (++uid);
    panel.hidden = true;
    var list = el("ul", "search-list");
    list.id = panel.id + "-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", msg("search"));
    var status = el("p", "search-status");
    status.setAttribute("role", "status");
    panel.appendChild(status);
    panel.appendChild(list);
    form.appendChild(panel);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("autocomplete", "off");
    var reset = navigable(input, list);
    // Options are not focusable, so a mousedown on one would blur the input
    // and the focusout below would hide the panel before the click lands;
    // keeping the focus in the input is also what a combobox should do.
    list.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    var seq = 0;

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      reset();
    }

    function run() {
      var q = input.value, mine = ++seq;
      if (q.trim() === "") { close(); return; }
      return index.search(q, PANEL_HITS).then(function (r) {
        return fragments(r.hits.slice(0, PANEL_HITS)).then(function (docs) {
          if (mine !== seq) return;
          var lang = index.data.entry.lang, terms = new Set(r.terms);
          list.textContent = "";
          reset();
          docs.forEach(function (d, i) { list.appendChild(renderHit(lang, d, terms, panel.id + "-" + i, true)); });
          // Which query the list answers: typing outruns the searches on a
          // slow machine, and a reader (or a test) may see an earlier list.
          list.dataset.q = q;
          status.textContent = r.words.length === 0 ? msg("common") : count(r.total);
          if (r.total > PANEL_HITS) {
            var more = el("a", "search-all", plural("all", r.total));
            var u = new URL(form.action || form.getAttribute("action"), document.baseURI);
            u.searchParams.set("q", q);
            more.href = u.href;
            status.textContent = "";
            status.appendChild(document.createTextNode(count(r.total) + " · "));
            status.appendChild(more);
          }
          panel.hidden = false;
          input.setAttribute("aria-expanded", "true");
        });
      }).catch(function () {
        if (mine !== seq) return;
        list.textContent = "";
        status.textContent = msg("broken");
        panel.hidden = false;
      });
    }

    input.addEventListener("input", serial(run));
    input.addEventListener("focus", function () { if (input.value.trim() !== "" && list.firstChild) { panel.hidden = false; input.setAttribute("aria-expanded", "true"); } });
    input.addEventListener("keydown", function (ev) { if (ev.key === "Escape") close(); });
    document.addEventListener("click", function (ev) { if (!form.contains(ev.target)) close(); });
    form.addEventListener("focusout", function (ev) { if (!form.contains(ev.relatedTarget)) close(); });
  }

  /* The search page. */

  function setupPage(page) {
    var params = new URLSearchParams(window.location.search);
    var form = el("form", "search-page-form");
    form.setAttribute("role", "search");
    var boxLabel = el("label", "search-label", msg("search"));
    var input = el("input");
    input.type = "search";
    input.name = "q";
    input.id = boxLabel.htmlFor = "search-page-q";
    input.autocomplete = "off";
    input.placeholder = msg("placeholder");
    input.value = params.get("q") || "";
    form.appendChild(boxLabel);
    form.appendChild(input);
    var status = el("p", "search-status");
    status.setAttribute("role", "status");
    var layout = el("div", "search-layout");
    var filters = el("div", "search-filters");
    filters.setAttribute("aria-label", msg("filters"));
    filters.setAttribute("role", "group");
    var list = el("ol", "search-list");
    list.id = "search-page-list";
    list.setAttribute("aria-label", msg("search"));
    var more = el("button", "search-more", msg("more"));
    more.type = "button";
    more.hidden = true;
    var main = el("div", "search-main");
    main.appendChild(list);
    main.appendChild(more);
    // The filters fold behind "Filtres (n)" on a phone, where they would
    // come before the first result; search.css keeps them open on wider
    // screens.
    var fold = el("details", "search-filters-fold");
    var foldLabel = el("summary", "", msg("filters_count").replace("{n}", "0"));
    fold.appendChild(foldLabel);
    fold.appendChild(filters);
    fold.hidden = true;
    layout.appendChild(fold);
    layout.appendChild(main);
    page.appendChild(form);
    page.appendChild(status);
    page.appendChild(layout);
    input.setAttribute("aria-controls", list.id);
    var reset = navigable(input, list);

    var filter = {}, facets = null, result = null, shown = 10, seq = 0;
    ["kind", "scopes", "tools", "sectors"].forEach(function (name) {
      var v = params.getAll(name);
      if (v.length > 0) filter[name] = v;
    });

    function syncURL() {
      var p = new URLSearchParams();
      if (input.value) p.set("q", input.value);
      Object.keys(filter).forEach(function (name) {
        filter[name].forEach(function (v) { p.append(name, v); });
      });
      var qs = p.toString();
      history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
    }

    function renderFilters(counts) {
      filters.textContent = "";
      var chosen = 0;
      Object.keys(filter).forEach(function (name) { chosen += filter[name].length; });
      foldLabel.textContent = msg("filters_count").replace("{n}", chosen.toLocaleString(LANG));
      (facets || []).forEach(function (f) {
        var values = counts[f.name] || [];
        (filter[f.name] || []).forEach(function (v) {
          if (!values.some(function (c) { return c.value === v; })) values.push({ value: v, count: 0 });
        });
        if (values.length === 0) return;
        var fs = el("fieldset", "search-facet");
        fs.appendChild(el("legend", "", label("facets", f.name)));
        values.forEach(function (c) {
          var lab = el("label", "search-facet-value");
          var box = el("input");
          box.type = "checkbox";
          box.name = f.name;
          box.value = c.value;
          box.checked = (filter[f.name] || []).indexOf(c.value) >= 0;
          box.addEventListener("change", function () {
            var cur = (filter[f.name] || []).filter(function (v) { return v !== c.value; });
            if (box.checked) cur.push(c.value);
            if (cur.length > 0) filter[f.name] = cur; else delete filter[f.name];
            shown = 10;
            render();
          });
          lab.appendChild(box);
          lab.appendChild(document.createTextNode(" " + (f.name === "kind" ? label("kinds", c.value) : c.value) + " "));
          lab.appendChild(el("span", "search-count", String(c.count)));
          fs.appendChild(lab);
        });
        filters.appendChild(fs);
      });
      fold.hidden = filters.childElementCount === 0;
    }

    // render draws the filters and, unless filtersOnly, the results.
    function render(filtersOnly) {
      if (filtersOnly) {
        if (result && facets) renderFilters(refine(result.hits, facets, filter).counts);
        return;
      }
      var mine = ++seq;
      syncURL();
      if (!result) return;
      var r = facets ? refine(result.hits, facets, filter) : { hits: result.hits, counts: {} };
      renderFilters(r.counts);
      var page = r.hits.slice(0, shown), q = result.q;
      fragments(page).then(function (docs) {
        if (mine !== seq) return;
        var lang = index.data.entry.lang, terms = new Set(result.terms);
        list.textContent = "";
        reset();
        docs.forEach(function (d, i) { list.appendChild(renderHit(lang, d, terms, "search-page-" + i, false)); });
        // Which query the list answers, as in the header's panel.
        list.dataset.q = q;
        status.textContent = result.words.length === 0 && input.value.trim() !== "" ? msg("common") : count(r.hits.length);
        more.hidden = r.hits.length <= shown;
      });
    }

    function run() {
      var q = input.value;
      shown = 10;
      if (q.trim() === "") {
        result = null;
        ++seq;
        syncURL();
        list.textContent = "";
        filters.textContent = "";
        fold.hidden = true;
        more.hidden = true;
        status.textContent = msg("prompt");
        return;
      }
      return index.search(q).then(function (r) {
        if (q !== input.value) return;
        result = r;
        result.q = q;
        render();
        // Facets come after the first results: they are not needed to show
        // them, and they change them only when a filter is set (from the
        // address); otherwise the results stay as drawn.
        if (!facets && r.hits.length > 0) {
          index.facets().then(function (f) {
            facets = f;
            render(Object.keys(filter).length === 0);
          });
        }
      }).catch(function () { status.textContent = msg("broken"); });
    }

    more.addEventListener("click", function () { shown += 10; render(); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    input.addEventListener("input", serial(run));
    run();
    return input;
  }

  function start() {
    var forms = document.querySelectorAll("form.search-form");
    forms.forEach(setupForm);
    var page = document.getElementById("search-page");
    var pageInput = page ? setupPage(page) : null;
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      var input = pageInput || document.querySelector("form.search-form input[name=q]");
      if (input) {
        ev.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof globalThis !== "undefined" ? globalThis : this);
