"""The public-results benchmark (see public.sh): on the bench database made by
run.sh, HR publishes the latest closed campaign (time and size of the snapshot), then
the agency's public ranking page and the API's rankings endpoint are each served at
64 connections against the same bytes as a static file, in turn, same run. A
published snapshot never changes, so the goal is to serve it nearly as fast as a
file: ratio >= 0.7 and p99 < 50 ms."""

import argparse
import json
import os
import sqlite3
import subprocess
import time
import urllib.request

from run import ROOT, combine, free_port, wait_healthy, wrk
from needs import login


def fetch(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
        return r.read()


def publish(url, hr, campaign):
    """Publishes (or corrects) `campaign` through the server function; seconds taken."""
    data = f"campaign={campaign}&reason=Tolok+ukur+publikasi+ulang&confirm=on".encode()
    req = urllib.request.Request(
        url + "/api/publication/publish", data=data,
        headers={"Cookie": hr, "Origin": url, "Accept": "application/json",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )
    t = time.time()
    with urllib.request.urlopen(req) as r:
        snapshot = json.loads(r.read())
    return snapshot, time.time() - t


def versus_static(url, site, path, name, conns, seconds):
    """`path` and the same bytes as a static file, alternating, two runs each; the
    first answer is timed alone (cold: nothing of it remembered yet)."""
    t = time.time()
    body = fetch(url + path)
    cold_ms = (time.time() - t) * 1000
    static = f"bench-static-{name}"
    with open(os.path.join(site, static), "wb") as f:
        f.write(body)
    wrk(url + path, "", conns, 2)
    wrk(url + "/" + static, "", conns, 2)
    served, statics = [], []
    for _ in range(2):
        served.append(wrk(url + path, "", conns, seconds))
        statics.append(wrk(url + "/" + static, "", conns, seconds))
    os.remove(os.path.join(site, static))
    return len(body), cold_ms, combine(served), combine(statics)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--employees", type=int, default=250_000)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--seconds", type=int, default=10)
    a = ap.parse_args()
    db = os.path.join(ROOT, "bench", "out", f"bench-{a.employees}.db")
    if not os.path.exists(db + ".campaigns.txt"):
        raise SystemExit(f"{db} with its closed campaigns is made by bench/run.sh first")
    site = os.path.join(ROOT, "target", "site")

    def start(*extra):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            # wrk asks from one address: the API's per-address limit would answer 429.
            [a.bin, "--addr", f"127.0.0.1:{port}", "--db", db, "--no-seed", "--site-root", site,
             "--api-per-minute", "0", *extra],
            stdout=subprocess.DEVNULL, env={**os.environ, "RUST_LOG": "warn"},
        )
        wait_healthy(url)
        return server, url

    server, url = start()
    try:
        with sqlite3.connect(db) as con:
            campaign, = con.execute(
                "SELECT id FROM campaigns WHERE status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 1").fetchone()
            code, = con.execute("SELECT code FROM agencies ORDER BY id LIMIT 1").fetchone()
        hr = login(url, "hr.bench")
        snapshot, took = publish(url, hr, campaign)
        with sqlite3.connect(db) as con:
            size, units = con.execute(
                "SELECT LENGTH(body), (SELECT COUNT(*) FROM units) FROM snapshots WHERE id = ?", (snapshot,)).fetchone()
        results = [
            ("public ranking page", *versus_static(url, site, f"/publik/{code}?urut=jpm", "page.html", a.connections, a.seconds)),
            ("API rankings", *versus_static(url, site, f"/api/v1/agencies/{code}/rankings", "rankings.json", a.connections, a.seconds)),
        ]
    finally:
        server.terminate()
        server.wait()
    # For reference: every request reads and renders the snapshot (--no-read-cache).
    server, url = start("--no-read-cache")
    try:
        page = f"/publik/{code}?urut=jpm"
        wrk(url + page, "", a.connections, 2)
        uncached = wrk(url + page, "", a.connections, a.seconds)
    finally:
        server.terminate()
        server.wait()
    print(f"\npublishing campaign {campaign} of {a.employees} employees ({units} units): {took:.1f} s,"
          f" snapshot {size / 1e6:.2f} MB of canonical JSON")
    ok = True
    for name, size_b, cold_ms, served, static in results:
        ratio = served["rps"] / static["rps"]
        ok = ok and ratio >= 0.7 and served["p99"] < 50 and served["non2xx"] == 0
        print(f"{name} ({size_b} bytes; first answer, cold, {cold_ms:.0f} ms): {served['rps']:.0f} req/s,"
              f" p50 {served['p50']:.1f} ms, p99 {served['p99']:.1f} ms;"
              f" static file {static['rps']:.0f} req/s, p99 {static['p99']:.1f} ms; ratio {ratio:.2f}"
              f" (goal >= 0.7, p99 < 50 ms); non-2xx {served['non2xx']}")
    print(f"the page with --no-read-cache (read and rendered each time): {uncached['rps']:.0f} req/s,"
          f" p50 {uncached['p50']:.1f} ms, p99 {uncached['p99']:.1f} ms; non-2xx {uncached['non2xx']}")
    print("GOALS MET" if ok else "GOALS NOT MET")


if __name__ == "__main__":
    main()
