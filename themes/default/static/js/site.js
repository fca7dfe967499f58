/*
 * parcours reading aids: heading anchors with a copy-link button, copy
 * buttons on code blocks, the table of contents that follows the reading,
 * and the theme switch. Plain JavaScript, no build step, no dependency.
 *
 * Its strings come from the theme's i18n files, rendered by the scripts
 * partial as <script type="application/json" id="site-strings">. The
 * theme itself is applied before the first paint by the inline script of
 * partials/theme-init.html; this one only changes it.
 */
(function () {
  "use strict";

  var stringsEl = document.getElementById("site-strings");
  var T = stringsEl ? JSON.parse(stringsEl.textContent) : {};
  function t(key) { return T[key] || key; }

  // copy writes text to the clipboard; pages opened from disk or over
  // plain http have no Clipboard API, where the older command still works.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // confirm tells the reader a copy happened: the button is marked
  // (data-copied) for a moment, and a live region says it to screen
  // readers.
  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);
  function confirm(button) {
    button.setAttribute("data-copied", "");
    live.textContent = t("copied");
    setTimeout(function () {
      button.removeAttribute("data-copied");
      live.textContent = "";
    }, 1500);
  }

  function button(cls, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.setAttribute("aria-label", label);
    b.title = label;
    if (text) b.textContent = text;
    return b;
  }

  // copyIcon draws two overlapping sheets, the usual "copy" sign, in SVG
  // rather than a character some fonts lack.
  function copyIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    [["5", "5", "9", "9"], ["2", "2", "9", "9"]].forEach(function (r) {
      var rect = document.createElementNS(ns, "rect");
      ["x", "y", "width", "height"].forEach(function (k, i) { rect.setAttribute(k, r[i]); });
      rect.setAttribute("rx", "1.5");
      rect.setAttribute("fill", "none");
      rect.setAttribute("stroke", "currentColor");
      rect.setAttribute("stroke-width", "1.5");
      svg.append(rect);
    });
    return svg;
  }

  // Heading anchors: "#" links to the heading, the button copies its
  // address. Both are hidden until the heading is hovered or focused.
  document.querySelectorAll(".prose :is(h2, h3, h4)[id]").forEach(function (h) {
    var tools = document.createElement("span");
    tools.className = "heading-tools";
    var a = document.createElement("a");
    a.className = "heading-anchor";
    a.href = "#" + h.id;
    a.setAttribute("aria-label", t("anchor_link").replace("{heading}", h.textContent));
    a.textContent = "#";
    var b = button("copy-link", t("copy_link"));
    b.append(copyIcon());
    b.addEventListener("click", function () {
      var url = new URL("#" + h.id, location.href).href;
      copy(url).then(function () { confirm(b); });
    });
    tools.append(a, b);
    h.append(tools);
  });

  // Code blocks: a copy button in the corner of each, a real button so
  // that the keyboard reaches it; its visible label begins its name.
  document.querySelectorAll(".prose pre").forEach(function (pre) {
    var wrap = document.createElement("div");
    wrap.className = "code-block";
    pre.before(wrap);
    wrap.append(pre);
    var b = button("copy-code", t("copy_code"), t("copy"));
    b.addEventListener("click", function () {
      copy(pre.innerText.replace(/\n$/, "")).then(function () {
        b.textContent = t("copied");
        confirm(b);
        setTimeout(function () { b.textContent = t("copy"); }, 1500);
      });
    });
    wrap.append(b);
  });

  // The table of contents marks the section being read: the last heading
  // above the top third of the window.
  var tocLinks = document.querySelectorAll(".page-toc a[href^='#']");
  if (tocLinks.length && "IntersectionObserver" in window) {
    var byId = {};
    var heads = [];
    tocLinks.forEach(function (a) {
      var h = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (h) { byId[h.id] = a; heads.push(h); }
    });
    var mark = function () {
      var current = null;
      var line = window.innerHeight / 3;
      heads.forEach(function (h) { if (h.getBoundingClientRect().top < line) current = h; });
      tocLinks.forEach(function (a) { a.removeAttribute("aria-current"); });
      if (current) byId[current.id].setAttribute("aria-current", "location");
    };
    var io = new IntersectionObserver(mark, { rootMargin: "0px 0px -66% 0px" });
    heads.forEach(function (h) { io.observe(h); });
  }

  // Search loads when first used: the box is focused or "/" pressed.
  // What was typed meanwhile is searched once the scripts run.
  var lazy = document.getElementById("search-scripts");
  if (lazy) {
    var inputs = document.querySelectorAll("form.search-form input[name=q]");
    var loadSearch = function (ev) {
      if (!lazy) return;
      var scripts = lazy.content.querySelectorAll("script");
      lazy = null;
      scripts.forEach(function (tpl, i) {
        var s = document.createElement("script");
        Array.prototype.forEach.call(tpl.attributes, function (a) { s.setAttribute(a.name, a.value); });
        s.async = false;
        if (i === scripts.length - 1) {
          s.onload = function () {
            var input = ev && ev.target;
            if (input && input.value) input.dispatchEvent(new Event("input"));
          };
        }
        document.body.appendChild(s);
      });
    };
    inputs.forEach(function (input) {
      input.addEventListener("focus", loadSearch);
      input.addEventListener("pointerdown", loadSearch);
    });
    document.addEventListener("keydown", function (ev) {
      if (!lazy || ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (inputs[0]) {
        ev.preventDefault();
        inputs[0].focus();
      }
    });
  }

  // Theme switch: system, light or dark, remembered in localStorage and
  // applied by setting data-theme, which sets the CSS color-scheme.
  var root = document.documentElement;
  document.querySelectorAll(".theme-switch").forEach(function (sel) {
    sel.value = root.getAttribute("data-theme") || "system";
    sel.addEventListener("change", function () {
      var v = sel.value;
      try {
        if (v === "system") localStorage.removeItem("parcours-theme");
        else localStorage.setItem("parcours-theme", v);
      } catch (e) { /* storage refused: the choice lasts for this page */ }
      if (v === "system") root.removeAttribute("data-theme");
      else root.setAttribute("data-theme", v);
    });
  });
})();
