/* Search for the archive: Pagefind's chunked index (built from the finished site), in a
 * dialog opened from the header (or by pressing "/") and on the Search page. Served from
 * the site itself: no other host. Each result shows its kind and date (Pagefind's tags);
 * the result count is announced to screen readers. A large archive's index comes in
 * several bundles (pagefind/parts.json lists the others), merged here.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/search\.js(\?.*)?$/, "") : "/";
  var bundle = root + "pagefind/";
  var loading = null;
  var parts = null;

  // The other bundles of the index, beside the first: none for most archives.
  function others() {
    if (!parts) {
      parts = fetch(bundle + "parts.json").then(function (response) {
        return response.ok ? response.json() : [];
      }).then(function (names) {
        return (Array.isArray(names) ? names : []).filter(function (name) {
          return /^part-[0-9]+\/$/.test(name);
        }).map(function (name) {
          return { bundlePath: bundle + name, baseUrl: new URL(root).pathname };
        });
      }).catch(function () { return []; });
    }
    return parts;
  }

  function loadUI() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = bundle + "pagefind-ui.css";
        document.head.appendChild(css);
        var ui = document.createElement("script");
        ui.src = bundle + "pagefind-ui.js";
        ui.onload = resolve;
        ui.onerror = reject;
        document.head.appendChild(ui);
      });
    }
    return loading;
  }

  // The count Pagefind writes ("3 results for ...") is also put in a live region.
  function announce(container) {
    var status = document.createElement("p");
    status.className = "visually-hidden archive-search__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    container.parentNode.insertBefore(status, container);
    new MutationObserver(function () {
      var message = container.querySelector(".pagefind-ui__message");
      var text = message ? message.textContent.trim() : "";
      if (text && status.textContent !== text) status.textContent = text;
    }).observe(container, { childList: true, subtree: true, characterData: true });
  }

  // Load Pagefind, its index entry, the other bundles and the filters before the first
  // search, so that the first results come as fast as the rest and list every filter
  // (the interface shares this module, and so what is merged into it).
  var warming = null;
  function warm() {
    if (!warming) {
      warming = Promise.all([import(bundle + "pagefind.js"), others()]).then(function (got) {
        var pagefind = got[0];
        pagefind.options({ baseUrl: new URL(root).pathname });
        return pagefind.init().then(function () {
          return Promise.all(got[1].map(function (part) {
            return pagefind.mergeIndex(part.bundlePath, { baseUrl: part.baseUrl });
          }));
        }).then(function () { return pagefind.filters(); });
      }).catch(function () {});
    }
    return warming;
  }

  function mount(container, query) {
    var warmed = warm();
    return loadUI().then(function () {
      announce(container);
      var ui = new PagefindUI({
        element: container,
        bundlePath: bundle,
        baseUrl: new URL(root).pathname,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        debounceTimeoutMs: 100,
        translations: { placeholder: "Search the archive", zero_results: "Nothing found for [SEARCH_TERM]" }
      });
      var input = container.querySelector("input");
      if (input && !input.getAttribute("aria-label")) input.setAttribute("aria-label", "Search the archive");
      if (query && input) {
        // Shown at once; searched once every bundle and filter is in, unless the visitor
        // has typed something else meanwhile (which the interface has searched already).
        input.value = query;
        warmed.then(function () { if (input.value === query) ui.triggerSearch(query); });
      }
      return ui;
    });
  }

  function header() {
    var bar = document.querySelector(".md-header__inner");
    if (!bar) return;
    var open = document.createElement("button");
    open.type = "button";
    open.className = "md-header__button archive-search__open";
    open.setAttribute("aria-label", "Search the archive (press /)");
    open.setAttribute("aria-haspopup", "dialog");
    open.innerHTML = '<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">' +
      '<path fill="currentColor" d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z"/></svg>' +
      '<span class="archive-search__label">Search</span>';
    bar.insertBefore(open, bar.querySelector(".md-header__source"));
    var dialog = document.createElement("dialog");
    dialog.className = "archive-search__dialog";
    dialog.setAttribute("aria-labelledby", "archive-search-title");
    dialog.innerHTML = '<div class="archive-search__bar"><h2 id="archive-search-title">Search the archive</h2>' +
      '<button type="button" class="archive-search__close">Close</button></div><div class="archive-search__ui"></div>';
    document.body.appendChild(dialog);
    var mounted = null;
    function show() {
      if (!dialog.open) dialog.showModal();
      if (!mounted) mounted = mount(dialog.querySelector(".archive-search__ui"));
      mounted.then(function () {
        var input = dialog.querySelector("input");
        if (input) input.focus();
      });
    }
    open.addEventListener("click", show);
    dialog.querySelector(".archive-search__close").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () { open.focus(); });
    return show;
  }

  function init() {
    var page = document.getElementById("archive-search");
    var pageUI = page ? mount(page, new URLSearchParams(location.search).get("q")) : null;
    var show = header();
    document.addEventListener("keydown", function (event) {
      var active = document.activeElement;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable)) return;
      event.preventDefault();
      if (pageUI) {
        pageUI.then(function () { var input = page.querySelector("input"); if (input) input.focus(); });
      } else if (show) {
        show();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
