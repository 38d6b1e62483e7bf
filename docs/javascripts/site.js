/*
 * What every page needs that the theme's templates cannot be told: a name for the search dialog
 * (axe's and Lighthouse's aria-dialog-name); a way in by keyboard to each box that scrolls sideways
 * on a narrow screen (a wide table, a map) and holds nothing else to focus (axe's
 * scrollable-region-focusable); and, on the front page, what its button does: open the search
 * (generator/render/home.py writes the button).
 * Material's instant navigation swaps pages without reloading them, so the work is done on every
 * page view, through the theme's document$; the header, and so the dialog, stays in place. Zensical,
 * Material's successor, keeps document$ and the header's classes, but opens its search otherwise.
 */
(function () {
  "use strict";

  document$.subscribe(function () {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the site");

    var boxes = Array.from(document.querySelectorAll(".md-typeset__scrollwrap"));
    document.querySelectorAll(".md-typeset p > img.it-map").forEach(function (map) {
      if (boxes.indexOf(map.parentElement) < 0) boxes.push(map.parentElement);
    });
    boxes.forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth || box.querySelector("a[href], button, input, select, [tabindex]")) return;
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (box.querySelector("table") ? "Table" : "Map") + ", scrolls sideways");
    });

    var button = document.querySelector(".it-home-search button");
    if (!button || button.dataset.ready) return;
    button.dataset.ready = "true";
    button.addEventListener("click", function () {
      // Built by Zensical, the header has a button that opens the search, whose field takes focus.
      var opener = document.querySelector(".md-search__button");
      if (opener) return opener.click();
      // By Material: as the theme's own search button does, its script opens the dialog when the
      // toggle changes; the field takes focus.
      var toggle = document.getElementById("__search");
      if (!toggle) return;
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      var field = document.querySelector("[data-md-component=search-query]");
      if (field) field.focus();
    });
  });
})();
