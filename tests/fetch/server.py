#!/usr/bin/env python3
"""A local stand-in for the publishers' servers, for tests/fetch only.

Serves recorded responses (files in tests/data) on 127.0.0.1 at a free
port, written to PORTFILE once listening, under the paths the real hosts
use:

  /v2/en/indicator/<CODE>?downloadformat=csv   World Bank indicator zip
  /graph/fredgraph.csv?id=<SERIES>              FRED CSV
  /external/datamapper/api/v1/indicators        IMF DataMapper metadata
  /external/datamapper/api/v1/<IND>[/<ISO>...]  IMF DataMapper values
  /files/<name>                                 any recorded file (url)

and hostile answers for the error paths, chosen by a first path segment
put in front of those paths (a base URL such as http://127.0.0.1:PORT/slow):
/notfound (404), /error (500), /xmlerror (200 with the World Bank's XML
error message), /truncated (body cut short), /slow (answers after 5 s),
/loop (redirects to itself), /endless (a body that never ends), /notwdi (a
zip that is not a WDI download), /flaky (503 with Retry-After: 1 once,
then the real answer), /ftp (redirects to an ftp:// URL).  Responses carry ETag and Last-Modified and answer a matching
If-None-Match with 304.  Every request is appended to LOGFILE (method,
path, If-None-Match, If-Modified-Since, User-Agent).  The server stops
after MAX_REQUESTS requests or LIFETIME seconds, whichever comes first.

With CERT and KEY (a self-signed pair the test makes), the same answers
are also served over TLS at a second port, written to PORTFILE.tls: no
client that verifies certificates may accept them.

usage: server.py DATADIR PORTFILE LOGFILE [MAX_REQUESTS [LIFETIME [CERT KEY]]]
"""
import hashlib
import http.server
import json
import os
import ssl
import sys
import threading
import time
import urllib.parse

DATA = sys.argv[1]
PORTFILE = sys.argv[2]
LOGFILE = sys.argv[3]
MAX_REQUESTS = int(sys.argv[4]) if len(sys.argv) > 4 else 200
LIFETIME = float(sys.argv[5]) if len(sys.argv) > 5 else 180
CERT = sys.argv[6] if len(sys.argv) > 7 else None
KEY = sys.argv[7] if len(sys.argv) > 7 else None

WDI = {
    "MS.MIL.XPND.GD.ZS": "fetch/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211_excerpt.zip",
    "NY.GDP.MKTP.CD": "import/wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26_excerpt.zip",
}
NOT_WDI = "nato/nato-excerpt.xlsx"
MODES = ("notfound", "error", "xmlerror", "truncated", "slow", "loop",
         "endless", "notwdi", "flaky", "ftp")
FRED = {
    "EXJPUS": "import/fred/EXJPUS_excerpt.csv",
    "DEXJPUS": "import/fred/DEXJPUS_excerpt.csv",
}
IMF = {
    "NGDPD": "fetch/imf_NGDPD.json",
    "NGDP": "fetch/imf_NGDP.json",
}
LAST_MODIFIED = "Tue, 24 Feb 2026 11:03:00 GMT"
WB_XML_ERROR = (
    b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>\r\n'
    b'<wb:error xmlns:wb="http://www.worldbank.org">\r\n'
    b'  <wb:message id="120" key="Invalid value">The provided parameter '
    b'value is not valid</wb:message>\r\n</wb:error>')

state = {"requests": 0, "flaky": 0}
lock = threading.Lock()


def read(rel):
    with open(os.path.join(DATA, rel), "rb") as f:
        return f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet on stderr
        pass

    def log_request_line(self):
        with lock:
            state["requests"] += 1
            with open(LOGFILE, "a") as f:
                f.write("%s %s inm=%s ims=%s ua=%s\n" % (
                    self.command, self.path,
                    self.headers.get("If-None-Match", "-"),
                    self.headers.get("If-Modified-Since", "-"),
                    self.headers.get("User-Agent", "-")))

    def send_body(self, code, body, ctype, extra=None, cache=True):
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        if cache and code == 200 and \
                self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if cache and code == 200:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def hostile(self, mode, good):
        """Answer as mode says; good() sends the real answer."""
        code = mode
        if code == "notfound":
            return self.send_body(404, b"<html><body><h1>404 Not Found</h1>"
                                  b"</body></html>", "text/html", cache=False)
        if code == "error":
            return self.send_body(500, b"Internal Server Error", "text/plain",
                                  cache=False)
        if code == "xmlerror":
            return self.send_body(200, WB_XML_ERROR,
                                  "application/xml; charset=utf-8",
                                  cache=False)
        if code == "truncated":
            body = read(WDI["MS.MIL.XPND.GD.ZS"])
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if code == "slow":
            time.sleep(5)
            return good()
        if code == "loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if code == "ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/data.zip")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if code == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.end_headers()
            chunk = b"PK\x03\x04" + b"\0" * 65532
            self.close_connection = True
            try:
                for _ in range(1024):  # at most 64 MiB, then give up
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if code == "notwdi":
            return self.send_body(200, read(NOT_WDI), "application/zip")
        if code == "flaky":
            with lock:
                state["flaky"] += 1
                first = state["flaky"] % 2 == 1
            if first:
                return self.send_body(503, b"Service Unavailable",
                                      "text/plain", {"Retry-After": "1"},
                                      cache=False)
            return good()
        return good()

    def wdi(self, code):
        if code in WDI:
            return self.send_body(200, read(WDI[code]), "application/zip")
        return self.send_body(200, WB_XML_ERROR,
                              "application/xml; charset=utf-8", cache=False)

    def imf(self, parts):
        if parts == ["indicators"]:
            return self.send_body(200, read("fetch/imf_indicators.json"),
                                  "application/json")
        ind, isos = parts[0], parts[1:]
        if ind not in IMF:
            return self.send_body(
                200, b'{"api":{"version":"1","output-method":"json"}}',
                "application/json")
        doc = json.loads(read(IMF[ind]))
        if isos:  # the API answers for the countries asked for only
            vals = doc["values"][ind]
            doc["values"][ind] = {k: v for k, v in vals.items() if k in isos}
        body = json.dumps(doc, separators=(",", ":")).encode()
        return self.send_body(200, body, "application/json")

    def do_GET(self):
        self.log_request_line()
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query)
        p = u.path
        mode = None
        seg = p.split("/")
        if len(seg) > 2 and seg[1] in MODES:
            mode = seg[1]
            p = "/" + "/".join(seg[2:])
        try:
            if mode:
                return self.hostile(mode, lambda: self.route(p, q))
            return self.route(p, q)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, p, q):
        if True:
            if p.startswith("/v2/en/indicator/"):
                return self.wdi(p[len("/v2/en/indicator/"):])
            if p == "/graph/fredgraph.csv":
                sid = q.get("id", [""])[0]
                if sid in FRED:
                    return self.send_body(200, read(FRED[sid]), "text/csv")
                return self.send_body(404, b"Series not found", "text/plain",
                                      cache=False)
            if p.startswith("/external/datamapper/api/v1/"):
                parts = [x for x in p[len("/external/datamapper/api/v1/"):]
                         .split("/") if x]
                if parts:
                    return self.imf(parts)
            if p.startswith("/files/"):
                name = p[len("/files/"):]
                for sub in ("import/wdi", "import/fred", "fetch"):
                    f = os.path.join(DATA, sub, name)
                    if "/" not in name and os.path.isfile(f):
                        return self.send_body(200, read(os.path.join(sub, name)),
                                              "application/octet-stream")
            return self.send_body(404, b"not found", "text/plain", cache=False)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def publish(path, port):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, path)


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    servers = [srv]
    if CERT:
        tls = Server(("127.0.0.1", 0), Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(CERT, KEY)
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
        servers.append(tls)
        publish(PORTFILE + ".tls", tls.server_address[1])
    publish(PORTFILE, srv.server_address[1])
    for x in servers:
        threading.Thread(target=x.serve_forever, daemon=True).start()
    start = time.time()
    while time.time() - start < LIFETIME and state["requests"] < MAX_REQUESTS:
        time.sleep(0.1)
    for x in servers:
        x.shutdown()


if __name__ == "__main__":
    main()
