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

  // confirm tells the reader a copy happened: the button's label changes
  // for a moment, and a live region says it to screen readers.
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

  // Heading anchors: "#" links to the heading, the button copies its
  // address. Both are hidden until the heading is hovered or focused.
  document.querySelectorAll(".prose :is(h2, h3, h4)[id]").forEach(function (h) {
    var tools = document.createElement("span");
    tools.className = "heading-tools";
    var a = document.createElement("a");
    a.className = "heading-anchor";
    a.href = "#" + h.id;
    a.setAttribute("aria-label", t("anchor_link") + " : " + h.textContent);
    a.textContent = "#";
    var b = button("copy-link", t("copy_link"), "⧉");
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
