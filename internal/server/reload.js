// The live-reload client, injected by the server into every HTML page as
// (this function)(state). It is a function of the server's state when the
// page was served, so a page loaded while the build is broken shows the
// errors at once, and a page served before a build it missed knows it is
// stale as soon as its event stream says hello.
(function (state) {
  "use strict";
  var scrollKey = "parcours:scroll:" + location.pathname + location.search;
  var server = state.server;
  var version = state.version;
  // The overlay's strings in the site's language, as the last failed build
  // found them in the theme; English until then.
  var text = state.text || {};
  // A site that never built shows its problems as the page itself, which
  // a reload brings up to date.
  var unbuilt = document.body && document.body.hasAttribute("data-parcours-unbuilt");
  function t(key, english) {
    return text[key] || english;
  }

  // A reload comes back where the author was reading.
  var saved = sessionStorage.getItem(scrollKey);
  if (saved) {
    sessionStorage.removeItem(scrollKey);
    var pos = JSON.parse(saved);
    var restore = function () { window.scrollTo(pos.x, pos.y); };
    restore();
    window.addEventListener("load", restore);
  }

  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    location.reload();
  }

  // The new sheet is added beside the old one, which goes once the new one
  // has loaded, so the page never shows unstyled in between.
  function swapStylesheets(stamp) {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]:not([data-parcours-stale])');
    links.forEach(function (old) {
      var url = new URL(old.getAttribute("href"), location.href);
      if (url.origin !== location.origin) {
        return;
      }
      url.searchParams.set("parcours", stamp);
      var next = old.cloneNode();
      next.removeAttribute("integrity");
      next.href = url.href;
      old.setAttribute("data-parcours-stale", "");
      var done = function () { old.remove(); };
      next.addEventListener("load", done);
      next.addEventListener("error", done);
      old.after(next);
    });
  }

  var css =
    ":host{all:initial;position:fixed;left:0;right:0;bottom:0;z-index:2147483647}" +
    "section{box-sizing:border-box;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.25rem;" +
    "background:#fff;color:#1a1a1a;border-top:6px solid #b00020;box-shadow:0 -4px 16px rgba(0,0,0,.25);" +
    "font:16px/1.5 system-ui,sans-serif}" +
    "header{display:flex;align-items:center;justify-content:space-between;gap:1rem}" +
    "h2{margin:0;font-size:1.125rem;color:#b00020}" +
    "p{margin:.25rem 0 .5rem}" +
    "ol{margin:0;padding-left:1.5rem}" +
    "li{font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}" +
    "button{font:inherit;padding:.25rem .75rem;border:2px solid #1a1a1a;border-radius:4px;background:#fff;color:#1a1a1a;cursor:pointer}" +
    "button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}";

  // The overlay lives in a shadow root so that neither the site's styles
  // nor its scripts' selectors reach it.
  function overlay(errors) {
    var host = document.getElementById("__parcours-overlay");
    if (unbuilt || !errors || errors.length === 0) {
      if (host) {
        host.remove();
      }
      return;
    }
    if (!host) {
      host = document.createElement("div");
      host.id = "__parcours-overlay";
      host.attachShadow({ mode: "open" });
      (document.body || document.documentElement).appendChild(host);
    }
    host.style.display = "";
    var root = host.shadowRoot;
    root.innerHTML =
      "<style>" + css + "</style>" +
      '<section role="alert" aria-labelledby="t">' +
      '<header><h2 id="t"></h2><button type="button"></button></header><p></p><ol></ol></section>';
    root.querySelector("section").lang = text.overlay_failed_one ? text.lang || "en" : "en";
    root.getElementById("t").textContent = errors.length === 1
      ? t("overlay_failed_one", "The build failed: 1 error")
      : t("overlay_failed_many", "The build failed: {n} errors").replace("{n}", errors.length);
    root.querySelector("button").textContent = t("overlay_hide", "Hide");
    root.querySelector("p").textContent =
      t("overlay_stale", "This page shows the last good build; it updates when the errors are fixed.");
    var list = root.querySelector("ol");
    errors.forEach(function (e) {
      var li = document.createElement("li");
      li.textContent = e;
      list.appendChild(li);
    });
    root.querySelector("button").addEventListener("click", function () { host.style.display = "none"; });
  }

  function handle(ev) {
    var stale = ev.server !== server || ev.version !== version;
    if (ev.text) {
      text = ev.text;
    }
    if (unbuilt && ev.kind === "errors") {
      // Other problems now stand in the way: the page lists them.
      reload();
      return;
    }
    switch (ev.kind) {
      case "hello":
        // Version 0 means the server has no good build yet: the page stays
        // as it is until there is one to show.
        if (stale && ev.version > 0) {
          reload();
          return;
        }
        break;
      case "reload":
        if (stale) {
          reload();
          return;
        }
        break;
      case "css":
        // A swap is only right for the build right after this page's;
        // one missed in between may have changed more.
        if (ev.server !== server || ev.version !== version + 1) {
          reload();
          return;
        }
        swapStylesheets(ev.server + "." + ev.version);
        version = ev.version;
        break;
    }
    overlay(ev.errors);
  }

  // stream opens the server's event stream and gives each event to
  // onEvent; left calls back when the page goes away.
  function stream(onEvent, left) {
    var es = new EventSource("/__parcours/events");
    es.onmessage = function (m) { onEvent(JSON.parse(m.data)); };
    // The browser retries a dropped stream by itself; only a stream it has
    // given up on (an error status while the server restarts) is reopened.
    es.onerror = function () {
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(function () { stream(onEvent, left); }, 1000);
      }
    };
    window.addEventListener("pagehide", function () {
      es.close();
      left();
    });
  }

  // One tab of the site holds the stream and passes its events on to the
  // others: a browser opens at most six HTTP/1.1 connections to a server,
  // and a stream per tab left a seventh tab unable to load at all. The tab
  // holding the lock leads; when it goes, the next one in line takes over,
  // and its stream's hello tells every tab whether it is stale. A tab that
  // joins asks the leader for the state it last heard. Locks and channels
  // are per origin, so two servers on two ports do not mix.
  function connect() {
    if (!navigator.locks || typeof BroadcastChannel !== "function") {
      stream(handle, function () {});
      return;
    }
    var channel = new BroadcastChannel("parcours:events");
    var last = null;
    channel.onmessage = function (m) {
      if (m.data === "ask") {
        if (last) {
          channel.postMessage({ kind: "hello", server: last.server, version: last.version, errors: last.errors, text: last.text });
        }
        return;
      }
      handle(m.data);
    };
    navigator.locks.request("parcours:events", function () {
      return new Promise(function (release) {
        stream(function (ev) {
          last = ev;
          channel.postMessage(ev);
          handle(ev);
        }, release);
      });
    });
    channel.postMessage("ask");
  }

  overlay(state.errors);
  connect();
})
