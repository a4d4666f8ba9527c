/* Sortable and filterable tables for the archive. Served from the site (no CDN).
 * Sorting: each sortable column header gets a button; aria-sort says the order.
 * Filtering: a <select data-filter-table="CLASS"> shows only rows whose data-status matches;
 * the choice is kept in the address (?status=overdue).
 * Folding: on a phone, a long table shows its newest rows, with a button for the rest.
 * Without JavaScript every row is shown, in the order the build wrote them.
 */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var time = cell.querySelector("time[datetime]");
    if (time) return time.getAttribute("datetime");
    return cell.textContent.trim();
  }

  var NUMBER = /^-?[\d,]*\.?\d+$/;  // a figure such as 1,234.5 (dates sort as text)

  function compare(a, b) {
    var x = a.split(/\s/)[0], y = b.split(/\s/)[0];
    if (NUMBER.test(x) && NUMBER.test(y)) {
      return parseFloat(x.replace(/,/g, "")) - parseFloat(y.replace(/,/g, ""));
    }
    return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th[data-sortable]");
    headers.forEach(function (th) {
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.innerHTML = th.innerHTML + '<span class="sort-button__icon" aria-hidden="true"></span>';
      th.innerHTML = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilter(select) {
    var table = document.querySelector("table." + select.getAttribute("data-filter-table"));
    if (!table) return;
    var box = select.closest(".table-filter");
    var count = box.querySelector(".table-filter__count");
    box.hidden = false;
    var attribute = select.getAttribute("data-filter-attribute") || "data-status";
    var noun = select.getAttribute("data-filter-noun") || "actions";
    var param = attribute.replace(/^data-/, "");
    function apply() {
      var wanted = select.value, shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var match = !wanted || row.getAttribute(attribute) === wanted;
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) count.textContent = shown + " of " + table.tBodies[0].rows.length + " " + noun + " shown";
    }
    select.addEventListener("change", function () {
      apply();
      // the filter is kept in the address, so a filtered list can be shared or bookmarked
      var url = new URL(location.href);
      if (select.value) url.searchParams.set(param, select.value);
      else url.searchParams.delete(param);
      history.replaceState(null, "", url);
    });
    var given = new URLSearchParams(location.search).get(param);
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === given; });
    if (given && known) {
      select.value = given;
      apply();
    }
  }

  // A table wider than the screen scrolls inside its wrapper: make that wrapper a named,
  // focusable region, so it can be scrolled from the keyboard (WCAG 2.1.1), and mark it
  // for the scroll shadow. Tables that fit are left alone, with no extra tab stop.
  function markScrolling() {
    document.querySelectorAll(".table-wrap, .md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var caption = wrap.querySelector("caption");
      if (scrolls) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption ? caption.textContent : "Table") + " (scrolls sideways)");
        wrap.setAttribute("data-scrolls", "");
      } else if (wrap.hasAttribute("data-scrolls")) {
        ["tabindex", "role", "aria-label", "data-scrolls"].forEach(function (name) {
          wrap.removeAttribute(name);
        });
      }
    });
  }

  // The date a page is printed, for its print header.
  function stampPrinted() {
    var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll("[data-printed-date]").forEach(function (el) { el.textContent = today; });
  }

  // A long table on a phone: its newest rows, and a button for the rest (archive.css hides
  // the rows marked "older" only once the button is there; on a desktop and on paper,
  // every row is shown).
  function makeFoldable(table) {
    var older = table.querySelectorAll("tbody tr.older");
    if (!older.length) return;
    var all = table.querySelectorAll("tbody tr").length;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "fold-toggle";
    button.setAttribute("aria-expanded", "false");
    var more = "Show all " + all + " rows", fewer = "Show only the newest " + (all - older.length);
    button.textContent = more;
    button.addEventListener("click", function () {
      var open = table.classList.toggle("foldable--all");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? fewer : more;
    });
    (table.closest(".table-wrap") || table).insertAdjacentElement("afterend", button);
    table.classList.add("foldable--ready");
  }

  // A page opened from the disk to be printed as a PDF (scrutiny/publish/pdf.py): its
  // links go to the site's own address (its canonical link), not to the build's folder.
  function linksToTheSite() {
    var canonical = document.querySelector('link[rel="canonical"]');
    if (location.protocol !== "file:" || !canonical) return;
    var here = new URL(canonical.href);
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      // an address of its own (https:, mailto:, //host), or a place on this page (which the
      // PDF keeps as a link within itself)
      if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(href)) return;
      a.setAttribute("href", new URL(href, here).href);
      a.setAttribute("data-site-link", "");  // the site's own: its address not printed
    });
  }

  function init() {
    linksToTheSite();
    document.querySelectorAll("table.foldable").forEach(makeFoldable);
    document.querySelectorAll("table.sortable").forEach(makeSortable);
    document.querySelectorAll("select[data-filter-table]").forEach(makeFilter);
    markScrolling();
    stampPrinted();
    window.addEventListener("resize", markScrolling);
    window.addEventListener("beforeprint", stampPrinted);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
