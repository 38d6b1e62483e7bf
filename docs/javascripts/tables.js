/*
 * Sorting and filtering for the site's tables of authorities.
 *
 * A table inside <div class="it-sortable"> is complete and readable without this script. With it,
 * each column heading sorts the table (tablesort, vendored beside this file), and boxes above the
 * table filter it: a list for each column whose cells carry a <data value> (a region, a grade) and
 * a range of years for each column whose cells carry a <time datetime> (a date). The generator
 * writes those elements (generator/render/sortable.py). Material's instant navigation swaps pages
 * without reloading them, so the work is done on every page view, through the theme's document$.
 */
(function () {
  "use strict";

  function header(table, index) {
    return table.tHead.rows[table.tHead.rows.length - 1].cells[index].textContent.trim();
  }

  /* What each column holds: "category" when every cell has a <data value>, "date" when any cell
     has a <time datetime>, otherwise null (sorted by its words, not filtered). */
  function columnKinds(table, rows) {
    var kinds = [];
    for (var i = 0; i < table.tHead.rows[0].cells.length; i++) {
      var cells = rows.map(function (row) { return row.cells[i]; });
      if (cells.every(function (cell) { return cell && cell.querySelector("data[value]"); })) {
        kinds.push("category");
      } else if (cells.some(function (cell) { return cell && cell.querySelector("time[datetime]"); })) {
        kinds.push("date");
      } else {
        kinds.push(null);
      }
    }
    return kinds;
  }

  function sortKey(cell, kind) {
    if (kind === "category") return cell.querySelector("data[value]").value;
    var time = cell.querySelector("time[datetime]");
    return time ? time.dateTime : "";  // undated cells sort before every date
  }

  function year(row, index) {
    var time = row.cells[index].querySelector("time[datetime]");
    return time ? time.dateTime.slice(0, 4) : null;
  }

  var made = 0;  // for ids unique in the page: instant navigation keeps the document

  /* A labelled list: the label names it by "for", so that its name is the label's words alone. */
  function list(text, choices) {
    var field = document.createElement("span");
    var label = document.createElement("label");
    var select = document.createElement("select");
    select.id = "it-filter-" + (made += 1);
    label.htmlFor = select.id;
    label.textContent = text;
    field.className = "it-filter";
    field.append(label, select);
    choices.forEach(function (choice) { select.add(new Option(choice[1], choice[0])); });
    return { label: field, select: select };
  }

  function categoryFilter(table, rows, index) {
    var seen = new Map();
    rows.forEach(function (row) {
      var data = row.cells[index].querySelector("data[value]");
      var entry = seen.get(data.value) || { text: data.textContent.trim(), count: 0 };
      entry.count += 1;
      seen.set(data.value, entry);
    });
    if (seen.size < 2) return null;
    var values = Array.from(seen.keys()).sort();
    var box = list(header(table, index), [["", "All"]].concat(values.map(function (value) {
      return [value, seen.get(value).text + " (" + seen.get(value).count + ")"];
    })));
    return {
      labels: [box.label],
      test: function (row) {
        return !box.select.value || row.cells[index].querySelector("data[value]").value === box.select.value;
      },
    };
  }

  function dateFilter(table, rows, index) {
    var years = Array.from(new Set(rows.map(function (row) { return year(row, index); })
      .filter(Boolean))).sort();
    if (years.length < 2) return null;
    var choices = years.map(function (y) { return [y, y]; });
    var from = list(header(table, index) + ": from", [["", "Any year"]].concat(choices));
    var to = list("to", [["", "Any year"]].concat(choices));
    return {
      labels: [from.label, to.label],
      test: function (row) {
        var y = year(row, index);
        if (!from.select.value && !to.select.value) return true;
        return y !== null && (!from.select.value || y >= from.select.value) && (!to.select.value || y <= to.select.value);
      },
    };
  }

  function enhance(table) {
    if (table.dataset.itEnhanced || !table.tHead || !table.tBodies.length) return;
    table.dataset.itEnhanced = "true";
    var rows = Array.from(table.tBodies[0].rows);
    var kinds = columnKinds(table, rows);
    rows.forEach(function (row) {
      kinds.forEach(function (kind, index) {
        if (kind && row.cells[index]) row.cells[index].dataset.sort = sortKey(row.cells[index], kind);
      });
    });
    new Tablesort(table);

    var filters = kinds.map(function (kind, index) {
      if (kind === "category") return categoryFilter(table, rows, index);
      return kind === "date" ? dateFilter(table, rows, index) : null;
    }).filter(Boolean);
    if (!filters.length) return;
    var form = document.createElement("form");
    form.className = "it-filters";
    form.setAttribute("aria-label", "Filter the table");
    filters.forEach(function (filter) { form.append.apply(form, filter.labels); });
    var reset = document.createElement("button");
    reset.type = "reset";
    reset.textContent = "Show all";
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    form.append(reset, status);

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = filters.every(function (filter) { return filter.test(row); });
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      status.textContent = "Showing " + shown + " of " + rows.length + " authorities.";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    var block = table.closest("div.it-sortable");
    block.insertBefore(form, block.firstChild);
    apply();
  }

  document$.subscribe(function () {
    document.querySelectorAll("div.it-sortable table").forEach(enhance);
  });
})();
