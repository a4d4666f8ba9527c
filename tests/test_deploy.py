"""The deployment the project ships (deploy/nginx/), tested with the real server: the members'
site answers nobody without a password, every kind of file is served with its type and
the security headers, and every page works in Chromium under the Content-Security-Policy,
search included, with no violation reported."""

from __future__ import annotations

import gzip
import http.client
import http.server
import re
import threading
from base64 import b64encode
from urllib.parse import urlsplit

import pytest
from browser import chromium
from nginx import check_config, nginx
from test_browser import PAGE_KINDS

SCHEDULED = "2027-02-12-children-in-care-a-year-on"
SURGERY = "surgeries/2025-06-20-children-in-care-and-re-referrals/"
USERS = {"cllr.smith": "correct horse battery staple"}
HANG_MS = 60_000  # bounds a hang; never a measure of speed

# Every kind of path a members' site has, with the type it must be served as
PATHS = {
    "": "text/html",
    SURGERY: "text/html",
    f"surgeries/{SCHEDULED}/": "text/html",
    f"surgeries/{SCHEDULED}.pdf": "application/pdf",
    "search/": "text/html",
    "exemptions/": "text/html",
    "pagefind/pagefind.js": "application/javascript",
    "pagefind/pagefind-worker.js": "application/javascript",
    "pagefind/pagefind-entry.json": "application/json",
    "pagefind/wasm.en.pagefind": "application/octet-stream",
    "data/exemptions.csv": "text/csv",
    "data/actions.csv": "text/csv",
    "data/surgeries.json": "application/json",
    "feed.xml": "application/atom+xml",
    "feeds/surgeries/2025-06-20-children-in-care-and-re-referrals.xml": "application/atom+xml",
    "upcoming.ics": "text/calendar",
    "assets/archive.css": "text/css",
    "robots.txt": "text/plain",
}


def get(base: str, path: str, auth: tuple[str, str] | None = None,
        headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    sent = dict(headers or {})
    if auth:
        sent["Authorization"] = "Basic " + b64encode(":".join(auth).encode()).decode()
    connection.request("GET", "/" + path, headers=sent)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def members_nginx(members_site, tmp_path_factory):
    with nginx(members_site, tmp_path_factory.mktemp("nginx-members"), "members.conf",
               USERS) as url:
        yield url


@pytest.fixture(scope="module")
def public_nginx(sample_site, tmp_path_factory):
    with nginx(sample_site, tmp_path_factory.mktemp("nginx-public"), "public.conf") as url:
        yield url


@pytest.mark.parametrize("example", ["public.conf", "members.conf"])
def test_the_shipped_configurations_are_valid_as_they_stand(tmp_path, example):
    done = check_config(tmp_path, example)
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


def test_the_members_site_answers_no_one_without_a_password(members_nginx, members_site):
    for path in [*PATHS, "no-such-page/"]:
        assert (members_site / path.rstrip("/")).exists() or path == "no-such-page/", path
        response = get(members_nginx, path)
        assert response.status == 401, (path, response.status)
        assert b"canary" not in response.body and b"CIC-3" not in response.body
        assert response.getheader("WWW-Authenticate") == 'Basic realm="Members\' site"'
        assert "noindex" in response.getheader("X-Robots-Tag", ""), path
        wrong = get(members_nginx, path, ("cllr.smith", "wrong"))
        assert wrong.status == 401, path


def test_signed_in_every_kind_of_path_is_served_with_its_type(members_nginx):
    for path, kind in PATHS.items():
        response = get(members_nginx, path, ("cllr.smith", USERS["cllr.smith"]))
        assert response.status == 200, (path, response.status)
        assert response.getheader("Content-Type").split(";")[0] == kind, path
        if kind.startswith("text/") or kind.endswith(("json", "xml", "javascript")):
            assert "charset=utf-8" in response.getheader("Content-Type"), path
    missing = get(members_nginx, "no-such-page/", ("cllr.smith", USERS["cllr.smith"]))
    assert missing.status == 404 and b"404 - Not found" in missing.body  # the site's own


def test_the_members_site_sends_the_security_headers(members_nginx):
    for path in ("", f"surgeries/{SCHEDULED}.pdf", "data/exemptions.csv", "no-such-page/"):
        response = get(members_nginx, path, ("cllr.smith", USERS["cllr.smith"]))
        csp = response.getheader("Content-Security-Policy", "")
        assert "default-src 'none'" in csp and "'wasm-unsafe-eval'" in csp, path
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp, path
        assert response.getheader("X-Content-Type-Options") == "nosniff", path
        assert response.getheader("Referrer-Policy") == "same-origin", path
        assert response.getheader("X-Robots-Tag") == "noindex, nofollow, noarchive", path
        assert response.getheader("Cache-Control") == "private, no-cache", path


def test_text_is_compressed_and_the_index_is_served_as_it_is(members_nginx):
    auth = ("cllr.smith", USERS["cllr.smith"])
    for path in ("", "data/actions.csv", "upcoming.ics", "feed.xml", "assets/archive.css"):
        response = get(members_nginx, path, auth, {"Accept-Encoding": "gzip"})
        assert response.getheader("Content-Encoding") == "gzip", path
        assert gzip.decompress(response.body), path
    # Pagefind's files are compressed already: sent as they are, never twice
    index = get(members_nginx, "pagefind/wasm.en.pagefind", auth, {"Accept-Encoding": "gzip"})
    assert index.getheader("Content-Encoding") is None
    hidden = get(members_nginx, ".build-py-output", auth)
    assert hidden.status == 404


def test_the_public_site_needs_no_password_and_is_for_search_engines(public_nginx):
    for path in ("", "search/", "upcoming.ics", "feed.xml", "data/actions.csv",
                 f"surgeries/{SCHEDULED}/"):
        response = get(public_nginx, path)
        assert response.status == 200, path
        assert response.getheader("X-Robots-Tag") is None, path
        assert "'wasm-unsafe-eval'" in response.getheader("Content-Security-Policy"), path
        assert response.getheader("Cache-Control") is None, path
    assert get(public_nginx, "exemptions/").status == 404
    assert get(public_nginx, "data/exemptions.csv").status == 404


WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile
    + ':' + e.lineNumber));
"""


def _failed(response) -> bool:
    """A file a page asked for and did not get. Not the theme's look for a sitemap.xml
    beside each of the page's alternate links (its feeds), which it makes on any server."""
    sitemap = re.search(r"/feeds/[a-z]+/sitemap\.xml$", response.url)
    return response.status >= 400 and not sitemap


def _visit(context, base: str, paths) -> list[str]:
    """Each page, loaded whole; the CSP violations, console messages about the policy and
    failed requests it reported."""
    reported = []
    for path in paths:
        page = context.new_page()
        errors = []
        page.on("console", lambda m, errors=errors: "Content Security Policy" in m.text
                and errors.append(m.text))
        page.on("response", lambda r, errors=errors: _failed(r) and errors.append(
            f"{r.status} for {r.url}"))
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        reported += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
        reported += [f"{path}: console: {e}" for e in errors]
        page.close()
    return reported


def _search(page, query: str) -> list[str]:
    page.keyboard.press("/")
    box = page.locator("dialog[open] input.pagefind-ui__search-input")
    box.wait_for(timeout=HANG_MS)
    box.fill(query)
    link = page.locator("dialog[open] .pagefind-ui__result-title .pagefind-ui__result-link")
    link.first.wait_for(timeout=HANG_MS)
    return link.evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_members_sign_in_search_and_open_an_exempt_item_under_the_policy(members_nginx):
    with chromium() as browser:
        context = browser.new_context(http_credentials={
            "username": "cllr.smith", "password": USERS["cllr.smith"]})
        context.add_init_script(WATCH)
        reported = _visit(context, members_nginx, [*PAGE_KINDS.values(), "exemptions/"])
        page = context.new_page()
        page.goto(members_nginx)
        page.wait_for_load_state("networkidle")
        links = _search(page, "block contract")  # the exempt action's words
        assert any(SURGERY in link for link in links), links
        page.locator("dialog[open] .pagefind-ui__result-link").first.click()
        page.wait_for_load_state("networkidle")
        assert SURGERY in page.url
        assert page.locator("text=Negotiate a block contract").first.is_visible()
        assert page.locator(".members-banner").is_visible()
        reported += page.evaluate("window.__violations")
        # the theme's own scripts ran from their files: the dark scheme can be chosen
        page.locator("form[data-md-component=palette] label").first.click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        reported += page.evaluate("window.__violations")
        context.close()
    assert reported == []


def test_the_public_site_works_under_the_policy(public_nginx):
    with chromium() as browser:
        context = browser.new_context()
        context.add_init_script(WATCH)
        reported = _visit(context, public_nginx, PAGE_KINDS.values())
        page = context.new_page()
        page.goto(public_nginx + "search/?q=children")
        page.locator("#archive-search .pagefind-ui__result-link").first.wait_for(
            timeout=HANG_MS)
        reported += page.evaluate("window.__violations")
        context.close()
    assert reported == []



class _SignInProxy(http.server.BaseHTTPRequestHandler):
    """What nginx asks of oauth2-proxy: /oauth2/auth answers 202 for a signed-in member's
    cookie and 401 otherwise; /oauth2/sign_in is its page, with an inline script, as
    oauth2-proxy's own has."""

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        if self.path.startswith("/oauth2/auth"):
            self.send_response(202 if "_oauth2_proxy=member" in self.headers.get("Cookie", "")
                               else 401)
            self.end_headers()
            return
        body = b"<html><script>document.forms[0]</script><p>Sign in</p></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def sign_in_nginx(members_site, tmp_path_factory):
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SignInProxy)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        with nginx(members_site, tmp_path_factory.mktemp("nginx-sign-in"), "members.conf",
                   proxy=proxy.server_address[1]) as url:
            yield url
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_with_the_councils_sign_in_a_member_is_sent_to_sign_in_first(sign_in_nginx):
    """members.conf as shipped: oauth2-proxy decides; nginx sends the signed-out to its
    sign-in page, serves the signed-in, and leaves the proxy's own pages its own policy."""
    member = {"Cookie": "_oauth2_proxy=member"}
    for path in ("", "data/exemptions.csv", f"surgeries/{SCHEDULED}.pdf", "search/",
                 "pagefind/pagefind.js", "no-such-page/"):
        out = get(sign_in_nginx, path)
        assert out.status == 302, path
        assert "/oauth2/sign_in?rd=" in out.getheader("Location"), path
        assert b"CIC-3" not in out.body
        signed_in = get(sign_in_nginx, path, headers=member)
        assert signed_in.status == (404 if path == "no-such-page/" else 200), path
        assert "'wasm-unsafe-eval'" in signed_in.getheader("Content-Security-Policy"), path
    page = get(sign_in_nginx, "oauth2/sign_in")
    assert page.status == 200 and b"Sign in" in page.body
    assert page.getheader("Content-Security-Policy") is None  # the proxy's page, its script
    assert page.getheader("X-Frame-Options") == "DENY"
    assert page.getheader("Cache-Control") == "no-store"
    assert get(sign_in_nginx, "oauth2/auth").status in (401, 404)  # internal to nginx


def test_nothing_hidden_is_served_from_any_folder(public_nginx):
    for path in (".build-py-output", "feeds/.hidden.xml", "feeds/.git/config.xml",
                 "surgeries/.x/"):
        assert get(public_nginx, path).status == 404, path
    assert "nginx/" not in (get(public_nginx, "").getheader("Server") or "")
