// Material for MkDocs' start-up script (partials/javascripts/base.html), as a file: the
// site's Content-Security-Policy allows no inline script. The same globals, with the
// site's root found from this file's own address (it is at <root>/assets/) in place of
// the page's relative base_url, which the theme writes into each page.
var __md_scope = new URL("..", document.currentScript.src),
  __md_hash = function (e) {
    return [].concat(Array.from(e)).reduce(function (e, t) { return (e << 5) - e + t.charCodeAt(0); }, 0);
  },
  __md_get = function (e, t, a) {
    t = t || localStorage; a = a || __md_scope;
    return JSON.parse(t.getItem(a.pathname + "." + e));
  },
  __md_set = function (e, t, a, s) {
    a = a || localStorage; s = s || __md_scope;
    try { a.setItem(s.pathname + "." + e, JSON.stringify(t)); } catch (e) {}
  };
