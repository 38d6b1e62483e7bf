/*
 * What every page needs that the theme's templates cannot be told: a name for the search dialog
 * (axe's and Lighthouse's aria-dialog-name), and, on the front page, a button that opens the
 * search, placed before the sentence that says where the search is (generator/render/home.py).
 * Material's instant navigation swaps pages without reloading them, so the work is done on every
 * page view, through the theme's document$; the header, and so the dialog, stays in place.
 */
(function () {
  "use strict";

  document$.subscribe(function () {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the site");

    var place = document.querySelector(".it-home-search");
    if (!place || place.querySelector("button")) return;
    var toggle = document.getElementById("__search");
    if (!toggle) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Find an authority";
    button.addEventListener("click", function () {
      // As the theme's own search button does: its script opens the dialog and focuses the field.
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      var field = document.querySelector("[data-md-component=search-query]");
      if (field) field.focus();
    });
    place.prepend(button, " ");
  });
})();
