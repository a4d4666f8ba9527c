/* A long page on a phone: its sections folded under their headings, each opened with a tap
 * (the GOV.UK accordion's pattern: a button inside each heading, aria-expanded), the first
 * open, and a "Show all sections" button above them. The headings read as the page's
 * contents.
 *
 * Only on a phone's width, and only where the page is long (three or more sections, over
 * three screens); a desktop, a printed page and a browser without JavaScript show every
 * section as written (archive.css folds only at a phone's width). A link to a place in a
 * folded section (#item-2, a search result) opens that section; nothing is ever removed.
 */
(function () {
  "use strict";

  var PHONE = "(max-width: 44.9375em)";
  var SCREENS = 3;  // a page shorter than this many screens is left as it is

  function sections(body) {
    var headings = Array.prototype.filter.call(body.children, function (e) {
      return e.tagName === "H2";
    });
    if (headings.length < 3) return null;
    return headings;
  }

  function fold(body, headings) {
    headings.forEach(function (h2, n) {
      var part = document.createElement("div");
      part.className = "page-section__body";
      part.id = "page-section--" + (n + 1);  // two hyphens: no heading's id can be this
      var next = h2.nextElementSibling;
      while (next && next.tagName !== "H2") {
        var after = next.nextElementSibling;
        part.appendChild(next);
        next = after;
      }
      h2.insertAdjacentElement("afterend", part);
      // the heading's words become a button; its permanent link stays beside it
      var button = document.createElement("button");
      button.type = "button";
      button.className = "page-section__toggle";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", part.id);
      Array.prototype.slice.call(h2.childNodes).forEach(function (node) {
        if (!(node.nodeType === 1 && node.classList.contains("headerlink"))) {
          button.appendChild(node);
        }
      });
      h2.insertBefore(button, h2.firstChild);
      h2.classList.add("page-section__heading");
      button.addEventListener("click", function () { set(button, !isOpen(button)); });
      toggles.push(button);
    });
    var all = document.createElement("button");
    all.type = "button";
    all.className = "page-sections__all";
    all.addEventListener("click", function () {
      var open = !toggles.every(isOpen);
      toggles.forEach(function (b) { set(b, open); });
    });
    showAll = all;
    headings[0].insertAdjacentElement("beforebegin", all);
    body.classList.add("page-sections");
    return toggles;
  }

  function isOpen(button) { return button.getAttribute("aria-expanded") === "true"; }

  var showAll = null, toggles = [];

  // a section opened or closed; the "Show all" button says what it will do now
  function set(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var part = document.getElementById(button.getAttribute("aria-controls"));
    part.classList.toggle("page-section__body--open", open);
    if (showAll) {
      showAll.textContent = toggles.every(isOpen) ? "Hide all sections" : "Show all sections";
    }
  }

  // the section that holds the address's #place, opened, and the place shown
  function reveal() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {  // an address with a broken escape: no place to open
      return;
    }
    var target = id && document.getElementById(id);
    if (!target) return;
    var part = target.closest(".page-section__body");
    var heading = target.classList.contains("page-section__heading") ? target : null;
    var owner = part ? part.previousElementSibling : heading;
    var button = owner && owner.querySelector(".page-section__toggle");
    if (button && !isOpen(button)) {
      set(button, true);
      target.scrollIntoView();
    }
  }

  function init() {
    if (!window.matchMedia(PHONE).matches) return;
    var body = document.querySelector("article .page-body");  // overrides/main.html
    if (!body) return;
    var headings = sections(body);
    if (!headings || document.documentElement.scrollHeight < SCREENS * window.innerHeight) return;
    fold(body, headings);
    set(toggles[0], true);  // the first section open: where the page's matter starts
    reveal();
    window.addEventListener("hashchange", reveal);
    // a link to this page's place, followed again after its section was closed: the
    // address does not change, so no hashchange; open it all the same
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href*='#']");
      if (link && link.pathname === location.pathname && link.hash) {
        window.setTimeout(reveal, 0);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
