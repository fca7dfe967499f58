/*
 * parcours irritant catalogue: sorting and filtering the cards in place,
 * and the cue on tables that scroll sideways. Plain JavaScript, no build
 * step, no dependency.
 *
 * Without it the page still works: each order is a page of its own (the
 * sort links lead there), and each filter value has a page listing its
 * irritants (the links the script replaces with the filter form). Its
 * strings come from the page (<script type="application/json"
 * id="catalogue-strings">), written from the theme's i18n files.
 */
(function () {
  "use strict";

  // A table wider than its frame fades on the side that hides columns,
  // and says it scrolls.
  document.querySelectorAll(".scroll-frame").forEach(function (frame) {
    var box = frame.querySelector(".table-scroll");
    var hint = frame.querySelector(".scroll-hint");
    function update() {
      var more = [];
      if (box.scrollLeft > 1) more.push("left");
      if (box.scrollLeft + box.clientWidth < box.scrollWidth - 1) more.push("right");
      frame.setAttribute("data-more", more.join(" "));
      if (hint) hint.hidden = box.scrollWidth <= box.clientWidth + 1;
    }
    box.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  });

  var root = document.getElementById("catalogue");
  var stringsEl = document.getElementById("catalogue-strings");
  if (!root || !stringsEl) return;
  var T = JSON.parse(stringsEl.textContent);
  var list = root.querySelector(".irritant-cards");
  var cards = Array.prototype.slice.call(list.children);
  var count = root.querySelector(".catalogue-count");
  var total = count.textContent;
  var form = root.querySelector(".catalogue-filter");
  var browse = root.querySelector(".catalogue-browse");
  var bubbles = document.querySelectorAll(".bubble[data-ref]");

  // Sorting: each card carries its place in every order (data-places, in
  // the order of the sort links), so the page shows what the order's own
  // page shows.
  var said = document.createElement("p");
  said.className = "visually-hidden";
  said.setAttribute("aria-live", "polite");
  root.appendChild(said);
  root.querySelectorAll(".catalogue-sort a[data-sort]").forEach(function (link, _, links) {
    link.addEventListener("click", function (e) {
      e.preventDefault();
      var i = Number(link.getAttribute("data-sort"));
      var place = function (card) { return Number(card.getAttribute("data-places").split(" ")[i]); };
      cards.sort(function (a, b) { return place(a) - place(b); });
      cards.forEach(function (card) { list.appendChild(card); });
      links.forEach(function (l) { l.removeAttribute("aria-current"); });
      link.setAttribute("aria-current", "true");
      said.textContent = T.sorted_by.replace("{label}", link.textContent.toLowerCase());
    });
  });

  if (!form) return;
  // Filtering: the form replaces the links to the filtered pages.
  form.hidden = false;
  if (browse) browse.hidden = true;
  function words(card, key) {
    return (card.getAttribute("data-" + key) || "").split(" ");
  }
  function apply() {
    var chosen = {};
    form.querySelectorAll("select").forEach(function (s) { if (s.value) chosen[s.name] = s.value; });
    var shown = 0;
    var visible = {};
    cards.forEach(function (card) {
      var ok = Object.keys(chosen).every(function (key) { return words(card, key).indexOf(chosen[key]) >= 0; });
      card.hidden = !ok;
      if (ok) {
        shown++;
        visible[card.id] = true;
      }
    });
    bubbles.forEach(function (b) { b.classList.toggle("is-filtered-out", !visible[b.getAttribute("data-ref")]); });
    var key = shown === 0 ? "shown_none" : shown === 1 ? "shown_one" : "shown_many";
    count.textContent = Object.keys(chosen).length === 0 ? total :
      T[key].replace("{n}", shown).replace("{total}", cards.length);
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  // A page restored from the back-forward cache keeps its choices.
  if (form.querySelector("select option:checked:not([value=''])")) apply();
})();
