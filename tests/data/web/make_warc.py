#!/usr/bin/env python3
"""Writes the WARC fixtures of tests/warc_test.cc (run from this directory):
sample.warc (plain), sample.warc.gz (one gzip member per record, as crawlers write),
sample-whole.warc.gz (the whole file as one gzip member). Every page is ours."""
import gzip
import uuid

def page(path):
    with open(path, "rb") as f:
        return f.read()

def http(status, headers, body):
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("ascii") + body

def chunked(body, size=500):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"

def record(wtype, uri, block, ctype, date="2023-05-02T10:00:00Z"):
    headers = [("WARC-Type", wtype), ("WARC-Date", date),
               ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, wtype + uri + str(len(block)))}>"),
               ("Content-Type", ctype), ("Content-Length", str(len(block)))]
    if uri:
        headers.insert(1, ("WARC-Target-URI", uri))
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("ascii") + block + b"\r\n\r\n"

en = page("en_article.html")
fr = page("fr_article.html")
nodate = page("nodate.html")
latin = ("<html><head><title>Caf\u00e9 r\u00e9ouvre apr\u00e8s les travaux</title>"
         "<meta property='article:published_time' content='2023-04-30'></head><body>"
         "<div class='article'><p>Le caf\u00e9 du march\u00e9 a rouvert ses portes samedi apr\u00e8s "
         "trois mois de travaux, avec une terrasse agrandie et un nouveau menu \u00e0 midi.</p>"
         "<p>Les habitu\u00e9s ont \u00e9t\u00e9 nombreux \u00e0 venir d\u00e8s l'ouverture, "
         "certains attendant devant la porte avant sept heures du matin.</p></div></body></html>"
         ).encode("cp1252")

records = [
    record("warcinfo", "", b"software: dateline test fixture\r\nformat: WARC File Format 1.0\r\n",
           "application/warc-fields"),
    record("request", "https://news.example.org/2021/03/14/harbour-storm-ferries",
           b"GET /2021/03/14/harbour-storm-ferries HTTP/1.1\r\nHost: news.example.org\r\n\r\n",
           "application/http; msgtype=request"),
    record("response", "https://news.example.org/2021/03/14/harbour-storm-ferries",
           http("200 OK", [("Content-Type", "text/html; charset=utf-8")], en),
           "application/http; msgtype=response"),
    record("response", "https://journal.example.fr/culture/festival-lanternes",
           http("200 OK", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], chunked(fr)),
           "application/http; msgtype=response"),
    record("response", "https://news.example.org/img/storm.jpg",
           http("200 OK", [("Content-Type", "image/jpeg")], b"\xff\xd8\xff\xe0 not really a jpeg"),
           "application/http; msgtype=response"),
    record("response", "https://news.example.org/missing",
           http("404 Not Found", [("Content-Type", "text/html")], b"<html><body>Not found</body></html>"),
           "application/http; msgtype=response"),
    record("metadata", "https://news.example.org/2021/03/14/harbour-storm-ferries",
           b"outlinks: https://news.example.org/a\r\n", "application/warc-fields"),
    record("response", "https://bakery.example.com/about",
           http("200 OK", [("Content-Type", "text/html; charset=UTF-8"), ("Content-Encoding", "gzip")],
                gzip.compress(nodate, mtime=0)),
           "application/http; msgtype=response", date="2023-05-01T09:15:00Z"),
    record("response", "https://ville.example.fr/cafe",
           http("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], latin),
           "application/http; msgtype=response"),
]

with open("sample.warc", "wb") as f:
    f.write(b"".join(records))
with open("sample.warc.gz", "wb") as f:
    for r in records:
        f.write(gzip.compress(r, mtime=0))
with open("sample-whole.warc.gz", "wb") as f:
    f.write(gzip.compress(b"".join(records), mtime=0))
