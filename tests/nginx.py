"""Serving a built site with Debian's nginx on 127.0.0.1, under the configuration the project
ships (deploy/nginx/): its server block as a council would use it, with only the address,
the certificate and the site's folder changed, and the snippets copied as they are."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

DEPLOY = ROOT / "deploy" / "nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")  # Debian's, which every Debian server has
READY_WITHIN = 30  # seconds for nginx to start listening: a bound on a hang, not a timing


def nginx_path() -> str:
    """Debian's nginx; in CI its absence is a failure, elsewhere a skip with the reason."""
    path = os.environ.get("NGINX") or shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if path and MIME_TYPES.is_file():
        return path
    message = "nginx is not installed (apt-get install nginx); the deployment tests need it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def htpasswd(users: dict[str, str]) -> str:
    """An htpasswd file nginx reads: salted SHA-1 ({SSHA}), one line a user."""
    lines = []
    for name, password in users.items():
        salt = os.urandom(8)
        digest = hashlib.sha1(password.encode() + salt).digest()
        lines.append(f"{name}:{{SSHA}}{base64.b64encode(digest + salt).decode()}")
    return "\n".join(lines) + "\n"


def served(example: str, port: int, root: Path, sign_in: str = "basic") -> str:
    """The example's HTTPS server block (deploy/nginx/<example>), listening on 127.0.0.1
    over plain HTTP, with the site at `root`; for the members' site, the sign-in the
    example offers that the test can use: basic auth (swapped as its comments say)."""
    text = (DEPLOY / example).read_text()
    block = "server {" + text.split("server {")[-1]  # the last: the site itself
    out, listening = [], False
    for line in block.splitlines():
        said = line.strip()
        if said.startswith("listen"):
            if not listening:
                out.append(f"    listen 127.0.0.1:{port};")
                listening = True
            continue
        if said.startswith("ssl_certificate"):
            continue
        if said.startswith("server_name"):
            line = "    server_name localhost;"
        elif said.startswith("root "):
            line = f"    root {root};"
        elif sign_in == "basic" and said == "include scrutiny/members-sign-in.conf;":
            line = "    # " + said
        elif sign_in == "basic" and said == "# include scrutiny/members-basic-auth.conf;":
            line = "    include scrutiny/members-basic-auth.conf;"
        out.append(line)
    return "\n".join(out)


def main_config(prefix: Path, server: str) -> str:
    """An nginx.conf of the test's own around the server block: everything under `prefix`."""
    user = "user root root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {prefix / 'temp' / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"{user}worker_processes 1;\ndaemon off;\npid {prefix / 'nginx.pid'};\n"
            f"error_log {prefix / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
            f"http {{\n    include {MIME_TYPES};\n    default_type application/octet-stream;\n"
            f"    access_log off;\n{temp}\n    sendfile on;\n{server}\n}}\n")


def _prepared(prefix: Path) -> Path:
    """The configuration folder under `prefix`, with the snippets as shipped, and the
    folders nginx keeps its temporary files in."""
    conf = prefix / "conf"
    shutil.copytree(DEPLOY / "scrutiny", conf / "scrutiny")
    shutil.copy(MIME_TYPES, conf / "mime.types")  # where Debian's nginx.conf has it
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "temp" / kind).mkdir(parents=True, exist_ok=True)
    return conf


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def nginx(site: Path, prefix: Path, example: str, users: dict[str, str] | None = None,
          proxy: int | None = None) -> Iterator[str]:
    """nginx serving `site` under deploy/nginx/<example> on 127.0.0.1; yields the base URL.
    With `users`, members sign in with basic auth; with `proxy`, through the sign-in proxy
    the example ships (oauth2-proxy's place taken by one on that port)."""
    binary = nginx_path()
    conf = _prepared(prefix)
    if users:
        (conf / "scrutiny" / "members.htpasswd").write_text(htpasswd(users))
    if proxy:
        sign_in = conf / "scrutiny" / "members-sign-in.conf"
        sign_in.write_text(sign_in.read_text().replace("127.0.0.1:4180", f"127.0.0.1:{proxy}"))
    port = _free_port()
    (conf / "nginx.conf").write_text(main_config(prefix, served(
        example, port, site, sign_in="proxy" if proxy else "basic")))
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + READY_WITHIN
        while True:  # until it listens, or has stopped: a wait for a state, not a delay
            if process.poll() is not None:
                log = (prefix / "error.log").read_text() if (prefix / "error.log").exists() \
                    else ""
                raise AssertionError(f"nginx stopped: {process.stderr.read().decode()}{log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"nginx did not listen within {READY_WITHIN} s") \
                        from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=READY_WITHIN)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def check_config(prefix: Path, example: str) -> subprocess.CompletedProcess:
    """`nginx -t` on the example exactly as shipped, but for its certificate (one made
    here) and where its snippets are."""
    binary = nginx_path()
    conf = _prepared(prefix)
    (conf / "scrutiny" / "members.htpasswd").write_text(htpasswd({"x": "y"}))
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-keyout", str(prefix / "key.pem"),
                    "-out", str(prefix / "cert.pem")], check=True, capture_output=True)
    text = (DEPLOY / example).read_text()
    lines = []
    for line in text.splitlines():
        if line.strip().startswith("ssl_certificate_key"):
            line = f"    ssl_certificate_key {prefix / 'key.pem'};"
        elif line.strip().startswith("ssl_certificate"):
            line = f"    ssl_certificate {prefix / 'cert.pem'};"
        lines.append(line)
    (conf / "nginx.conf").write_text(main_config(prefix, "\n".join(lines)))
    return subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf / "nginx.conf")],
                          capture_output=True, text=True)
