/*
 * The compare page: two to six authorities' timelines one above the other, drawn by Vega-Lite.
 *
 * The page (generator/render/compare.py) holds <div id="it-compare"> with a note that the chart
 * needs JavaScript, then a table of every authority that reads fully without this script. The
 * script puts in the note's place a list to choose authorities from, the chart, and tables of the
 * chosen authorities' events. The choice lives in the page's address, ?a=SLUG&a=SLUG (a comma
 * list works too, and a name or another name an authority goes by, such as ?a=hull, does as well
 * as its slug), or ?neighbours=SLUG (an authority and its statistical neighbours), so that a
 * comparison can be shared; choosing rewrites the address in place.
 *
 * The page names this script itself, so that no other page loads it or the Vega bundle. Material's
 * instant navigation swaps pages in without reloading, and runs the scripts of each page it swaps
 * in, so this script runs once every time the page is shown, however the reader arrived. (It
 * cannot wait for the theme's document$: on a full load it runs before the theme's script.) The
 * data (every authority's rows, and the chart's spec in each palette, written by the generator)
 * and the bundle are fetched from the site itself, the bundle only once there is a chart to draw;
 * it is an ES module, which import() evaluates once per document.
 *
 * Text from the data is only ever set as text (textContent), and links go to http(s) only.
 */
(function () {
  "use strict";

  var root = document.getElementById("it-compare");
  if (!root || root.dataset.started) return;
  root.dataset.started = "true";

  var most = Number(root.dataset.most);
  var indexUrl = new URL(root.dataset.index, document.baseURI);
  var vegaUrl = new URL(root.dataset.vega, document.baseURI);

  var index = null;  // compare/authorities.json
  var bySlug = new Map();
  var chosen = [];  // slugs, in the reader's order
  var notes = [];  // what the address asked for that cannot be shown, or the preset it named
  var presetOf = null;  // the slug of ?neighbours=, while the choice is still its preset
  var view = null;  // the chart drawn last, finalized before the next
  var drawings = 0;

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A link to an address of the data file (relative to it), or plain text unless it is http(s). */
  function link(address, text) {
    var url = new URL(address, indexUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") return document.createTextNode(text);
    var anchor = element("a", {}, text);
    anchor.href = url.href;
    return anchor;
  }

  function label(authority) {
    return authority.former ? authority.name + " (former)" : authority.name;
  }

  function listed(words) {
    return words.length < 2 ? words.join("") : words.slice(0, -1).join(", ") + " and " + words[words.length - 1];
  }

  // The parts the script adds, in the place of the note that it is needed.
  var form = element("form", { "class": "it-compare__picker" });
  var select = element("select", { id: "it-compare-choice" });
  var add = element("button", { type: "submit" }, "Add");
  form.append(element("label", { "for": select.id }, "Add an authority"), select, add);
  var list = element("ul", { "class": "it-compare__chosen", "aria-label": "Authorities compared" });
  var status = element("div", { "class": "it-compare__status", role: "status" });
  var chart = element("div", { "class": "it-compare__chart", role: "region", "aria-label": "Chart" });
  var tables = element("div", { "class": "it-compare__tables" });
  var fallback = root.querySelector(".it-compare__fallback");
  root.replaceChildren(form, list, status, chart, tables);
  say(["Loading the chart's data…"]);

  function say(lines) {
    status.replaceChildren.apply(status, lines.map(function (line) { return element("p", {}, line); }));
  }

  /* A name as the address may write it: "Hull", "hull", "Kingston upon Hull" and
     "kingston-upon-hull" all read "hull" or "kingston-upon-hull". */
  function key(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  var byName = new Map();  // every slug, name and other name, as key() writes it, to its slug

  /* The slug an address's word names (a slug, a name or another name such as "hull"), or null. */
  function resolve(word) {
    return byName.get(key(word)) || null;
  }

  /* A preset: the authority that ?neighbours= names, then its statistical neighbours, closest
     first, as many as the chart holds. */
  function preset(slug) {
    var authority = bySlug.get(slug);
    return [slug].concat((authority.neighbours || []).filter(function (other) {
      return bySlug.has(other);
    })).slice(0, most);
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    var words = [];
    params.getAll("a").forEach(function (value) {
      value.split(",").forEach(function (word) { if (word.trim()) words.push(word.trim()); });
    });
    var unknown = [];
    var known = [];
    words.forEach(function (word) {
      var slug = resolve(word);
      if (!slug) unknown.push(word);
      else if (known.indexOf(slug) < 0) known.push(slug);
    });
    notes = [];
    presetOf = null;
    var around = params.get("neighbours");
    if (around !== null) {
      var centre = resolve(around);
      if (!centre) unknown.push(around);
      else {
        presetOf = centre;
        preset(centre).forEach(function (slug) { if (known.indexOf(slug) < 0) known.push(slug); });
        var listedNeighbours = (bySlug.get(centre).neighbours || []).length;
        notes.push(listedNeighbours
          ? label(bySlug.get(centre)) + " and its statistical neighbours, closest first"
            + (listedNeighbours > most - 1 ? ": the closest " + (most - 1) + " of the " + listedNeighbours + " the sources list." : ".")
          : "No statistical neighbours of " + label(bySlug.get(centre)) + " are listed in these data.");
      }
    }
    chosen = known.slice(0, most);
    if (unknown.length) {
      notes.push("No authority in these data is named " + listed(unknown.map(function (s) { return "“" + s + "”"; }))
        + " in the address, so " + (unknown.length > 1 ? "they are" : "it is") + " not shown. The address names "
        + "an authority by its name or another name it goes by: for example, “trafford” or “hull”.");
    }
    if (known.length > most) {
      notes.push("At most " + most + " authorities can be compared at once: the chart shows the first " + most
        + " of the " + known.length + " in the address.");
    }
  }

  /* Keep the choice in the address, for a bookmark or to share, without a new history entry (the
     theme keeps its scroll position in history.state, so that is kept as it is). */
  function toAddress() {
    var url = new URL(location.href);
    url.searchParams.delete("a");
    url.searchParams.delete("neighbours");
    if (presetOf && preset(presetOf).join() !== chosen.join()) presetOf = null;
    if (presetOf) url.searchParams.set("neighbours", presetOf);
    else chosen.forEach(function (slug) { url.searchParams.append("a", slug); });
    history.replaceState(history.state, "", url.href);
  }

  function fillList() {
    select.append(new Option("Choose an authority", ""));
    var groups = index.regions.map(function (region) {
      return [region, index.authorities.filter(function (a) { return !a.former && a.region === region; })];
    });
    groups.push(["Former authorities", index.authorities.filter(function (a) { return a.former; })]);
    groups.forEach(function (group) {
      if (!group[1].length) return;
      var optgroup = element("optgroup", { label: group[0] });
      group[1].forEach(function (authority) { optgroup.append(new Option(label(authority), authority.slug)); });
      select.append(optgroup);
    });
  }

  function choose(slugs) {
    chosen = slugs;
    notes = [];
    toAddress();
    show();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (select.value && chosen.indexOf(select.value) < 0 && chosen.length < most) {
      choose(chosen.concat([select.value]));
    }
    select.value = "";
    (select.disabled ? list.querySelector("button") : select).focus();  // all six chosen: a Remove button
  });

  /* Everything that follows from the choice: the list, what the status says, the chart, the tables. */
  function show() {
    Array.from(select.options).forEach(function (option) {
      option.disabled = chosen.indexOf(option.value) >= 0;
    });
    select.disabled = add.disabled = chosen.length >= most;
    list.replaceChildren.apply(list, chosen.map(function (slug) {
      var authority = bySlug.get(slug);
      var remove = element("button", { type: "button", "aria-label": "Remove " + label(authority) }, "Remove");
      remove.addEventListener("click", function () {
        choose(chosen.filter(function (other) { return other !== slug; }));
        select.focus();
      });
      var item = element("li", {}, label(authority) + " ");
      item.append(remove);
      return item;
    }));

    var names = chosen.map(function (slug) { return label(bySlug.get(slug)); });
    var lines = notes.slice();
    if (!chosen.length) {
      lines.push("Choose at least two authorities from the list above, and up to " + most + ": their timelines "
        + "appear here, one above the other, with tables of their events below.");
    } else if (chosen.length === 1) {
      lines.push("Showing " + names[0] + ". Choose at least one more authority to compare.");
    } else {
      lines.push("Comparing " + listed(names) + ". The address of this page keeps the choice: copy it to share.");
    }
    if (chosen.length >= most) lines.push("Remove an authority to add another.");
    var empty = chosen.filter(function (slug) { return !bySlug.get(slug).rows.length; });
    if (empty.length) {
      lines.push(listed(empty.map(function (slug) { return label(bySlug.get(slug)); }))
        + " has no dated event in these data, so nothing of it is drawn.");
    }
    say(lines);
    draw();
    tabulate();
  }

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  /* An authority's rows as objects, the fields named by the data's "columns"; empty cells (null,
     or left off the end of a row) are left out. */
  function records(authority) {
    return authority.rows.map(function (row) {
      var record = {};
      index.columns.forEach(function (column, i) { if (row[i] != null) record[column] = row[i]; });
      return record;
    });
  }

  /* The spec of the palette in use, with the chosen authorities' rows as its data. */
  function draw() {
    var names = chosen.map(function (slug) { return label(bySlug.get(slug)); });
    var values = [];
    chosen.forEach(function (slug, order) {
      records(bySlug.get(slug)).forEach(function (record) {
        values.push(Object.assign(record, { name: names[order], order: order }));
      });
    });
    if (view) view.finalize();
    view = null;
    var target = element("div");
    chart.replaceChildren(target);
    var drawing = drawings += 1;  // a draw still waiting for Vega gives way to this one
    if (!values.length) return;
    var spec = Object.assign({}, index.specs[scheme()], {
      datasets: {},
      description: "Timelines of " + listed(names) + ", one above the other on one time axis. The tables "
        + "below the chart list the same events.",
    });
    fitted(spec);
    spec.datasets[spec.data.name] = values;
    vega().then(function () {
      if (drawing !== drawings) return null;  // a later choice has already replaced it
      return window.vegaEmbed(target, spec, { renderer: "svg", actions: false, tooltip: { theme: scheme() } });
    }).then(function (result) {
      if (!result) return;
      if (drawing === drawings) view = result;
      else result.finalize();
    }, failed);
  }

  /* The bundle of Vega, fetched the first time there is something to draw: a reader who has not
     chosen yet is not kept waiting by a megabyte of script. import() evaluates it once a document. */
  var loadingVega = null;
  function vega() {
    if (!loadingVega) {
      loadingVega = import(vegaUrl.href).catch(function (error) {
        loadingVega = null;  // tried again at the next drawing
        throw error;
      });
    }
    return loadingVega;
  }

  /* On a narrow screen (a phone), the chart is drawn about as wide as there is room for, with
     shorter labels on its left, and never shrunk, which would shrink its text below legibility: the
     notes written past the ends of marks may still overflow, and the chart's box then scrolls
     sideways (the stylesheet's .it-compare__chart). */
  var NARROW_LABELS = 96;
  var NOTES = 110;  // about the width of the notes past the ends of marks ("end not known")
  var drawnFor = 0;
  function fitted(spec) {
    drawnFor = chart.clientWidth;
    var width = fittedWidth(drawnFor);
    // Narrowed, it may still scroll sideways: the keyboard can reach it to scroll it.
    chart.tabIndex = width ? 0 : -1;
    if (!width) return;
    spec.spec = Object.assign({}, spec.spec, { width: width });
    spec.config = Object.assign({}, spec.config, {
      axis: Object.assign({}, spec.config.axis, { labelLimit: NARROW_LABELS }),
    });
  }

  /* The width to draw the chart's plot at in ``room`` pixels, or 0 where it fits as specified. */
  function fittedWidth(room) {
    var spec = index.specs[scheme()];
    var natural = spec.spec.width + ((spec.config.axis || {}).labelLimit || 0) + 40;
    return !room || room >= natural ? 0 : Math.max(120, room - NARROW_LABELS - NOTES);
  }

  /* Drawn again when the room for it changes the width it is drawn at (a phone turned on its side);
     the listener goes once the page has been navigated away from. */
  var resized = null;
  function onResize() {
    if (!root.isConnected) {
      window.removeEventListener("resize", onResize);
      return;
    }
    clearTimeout(resized);
    resized = setTimeout(function () {
      if (index && chosen.length && fittedWidth(chart.clientWidth) !== fittedWidth(drawnFor)) draw();
    }, 200);
  }
  window.addEventListener("resize", onResize);

  function cell(row, content) {
    var td = element("td");
    td.append(content);
    row.append(td);
  }

  function table(caption, headings) {
    var node = element("table");
    node.append(element("caption", {}, caption));
    var head = element("tr");
    headings.forEach(function (heading) { head.append(element("th", { scope: "col" }, heading)); });
    node.append(element("thead"), element("tbody"));
    node.tHead.append(head);
    return node;
  }

  /* The chosen authorities in a table, then each one's events: the chart in words. */
  function tabulate() {
    tables.replaceChildren();
    if (!chosen.length) return;
    var summary = table("The authorities compared",
      ["Authority", "Region"].concat(index.views, ["Latest full inspection"]));
    chosen.forEach(function (slug) {
      var authority = bySlug.get(slug);
      var row = element("tr");
      cell(row, link(authority.page, label(authority)));
      cell(row, authority.region);
      /* Each grade of its latest full inspection, as a badge coloured by its tone; or why it has none. */
      authority.grades.forEach(function (grade) {
        cell(row, grade.tone ? element("span", { "class": "it-grade it-grade--" + grade.tone }, grade.label) : grade.label);
      });
      cell(row, authority.inspected
        ? link(authority.page + "#" + authority.inspected.anchor, authority.inspected.when)
        : "None dated in these data");
      summary.tBodies[0].append(row);
    });
    tables.append(summary);

    chosen.forEach(function (slug) {
      var authority = bySlug.get(slug);
      var events = records(authority).filter(function (record) { return record.what; });  // not the grade line's
      var details = element("details", { "class": "it-compare__events" });
      details.append(element("summary", {}, label(authority) + ": " + events.length + " event"
        + (events.length === 1 ? "" : "s") + " on the chart"));
      var listing = table("Events of " + label(authority) + ", oldest first", ["When", "Event", "Overall effectiveness"]);
      events.forEach(function (event) {
        var row = element("tr");
        cell(row, event.when);
        cell(row, link(authority.page + "#" + event.anchor, event.what));
        cell(row, event.grade || "");
        listing.tBodies[0].append(row);
      });
      details.append(listing);
      tables.append(details);
    });
  }

  function failed(error) {
    say(["The chart could not be drawn (" + error.message + ")."].concat(fallback ? [fallback.textContent] : []));
  }

  /* Redraw in the other palette when the reader switches between light and dark; stop once the
     page has been navigated away from. */
  var palette = new MutationObserver(function () {
    if (!root.isConnected) {
      palette.disconnect();
      if (view) view.finalize();
    } else if (index) {
      draw();
    }
  });
  palette.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  fetch(indexUrl).then(function (response) {
    if (!response.ok) throw new Error(indexUrl.pathname + ": " + response.status);
    return response.json();
  }).then(function (loaded) {
    index = loaded;
    index.authorities.forEach(function (authority) { bySlug.set(authority.slug, authority); });
    // Slugs first, then names, then other names: a slug always leads to its own authority.
    [function (a) { return [a.slug]; }, function (a) { return [a.name]; }, function (a) { return a.aliases || []; }]
      .forEach(function (names) {
        index.authorities.forEach(function (authority) {
          names(authority).forEach(function (name) {
            if (!byName.has(key(name))) byName.set(key(name), authority.slug);
          });
        });
      });
    fillList();
    fromAddress();
    show();
  }).catch(function (error) {
    form.hidden = true;  // nothing to choose from
    failed(error);
  });
})();
