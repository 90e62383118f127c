"""The training-needs benchmark (see needs.sh): on the 250 000-employee bench database
(made by run.sh), HR's needs page for the whole agency and a Kepala Dinas's page for
their unit, each at 64 connections with the read cache off, then the whole agency's
AKPK streamed as CSV (time, size, the server's peak memory)."""

import argparse
import os
import re
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request

from run import ROOT, combine, free_port, wait_healthy, wrk
import mixed


def login(url, account, password="bench-2026"):
    req = urllib.request.Request(
        url + "/api/login",
        data=f"account={account}&password={password}&next=/".encode(),
        headers={"Origin": url, "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
    )
    with urllib.request.urlopen(req) as r:
        return r.headers["Set-Cookie"].split(";")[0]


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
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.time()
    server = subprocess.Popen(
        [a.bin, "--addr", f"127.0.0.1:{port}", "--db", db, "--no-seed", "--site-root", site, "--no-read-cache"],
        stdout=subprocess.DEVNULL, env={**os.environ, "RUST_LOG": "warn"},
    )
    try:
        wait_healthy(url)
        # The first start after the needs arrived back-fills them from every closed
        # campaign's results (the migration): its time is part of this figure then.
        print(f"server up in {time.time() - started:.1f} s")
        with sqlite3.connect(db) as con:
            head, unit, below = con.execute(
                "SELECT u.username, n.id, (SELECT COUNT(*) FROM units c WHERE c.parent_id = n.id) "
                "FROM assignments a JOIN units n ON n.id = a.unit_id JOIN users u ON u.employee_id = a.employee_id "
                "WHERE a.is_head AND a.end_date IS NULL AND n.parent_id IS NULL AND u.username <> 'hr.bench' "
                "ORDER BY a.employee_id LIMIT 1").fetchone()
            closed = con.execute("SELECT COUNT(*) FROM campaigns WHERE status = 'closed'").fetchone()[0]
            stored = con.execute("SELECT COUNT(*) FROM unit_needs").fetchone()[0]
        print(f"{closed} closed campaigns, {stored} stored need rows; Kepala Dinas {head} of unit {unit} ({below} units below)")
        hr = login(url, "hr.bench")
        leader = login(url, head)
        pages = []
        for name, cookie in (("HR, whole agency", hr), (f"Kepala Dinas ({head})", leader)):
            body = urllib.request.urlopen(urllib.request.Request(url + "/needs", headers={"Cookie": cookie})).read()
            assert b'data-testid="heatmap"' in body, name
            wrk(url + "/needs", cookie, a.connections, 2)
            r = combine([wrk(url + "/needs", cookie, a.connections, a.seconds) for _ in range(2)])
            pages.append((name, len(body), r))
        rss_before = mixed.rss_mb(server.pid, "VmHWM")
        t = time.time()
        req = urllib.request.Request(url + "/needs/akpk.csv", headers={"Cookie": hr})
        size, lines = 0, 0
        try:
            opened = urllib.request.urlopen(req)
        except urllib.error.HTTPError as e:
            raise SystemExit(f"the export answered {e.code}: {e.read()[:300]!r}")
        with opened as r:
            while True:
                chunk = r.read(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                lines += chunk.count(b"\n")
        took = time.time() - t
        peak = mixed.rss_mb(server.pid, "VmHWM")
        t = time.time()
        units = urllib.request.urlopen(urllib.request.Request(url + "/needs/units.csv", headers={"Cookie": hr})).read()
        units_took = time.time() - t
    finally:
        server.terminate()
        server.wait()
    print()
    for name, size_b, r in pages:
        print(f"/needs, {name}: {size_b} bytes; {r['rps']:.0f} req/s, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms"
              f" (goal p99 < 50 ms), non-2xx {r['non2xx']}, at {a.connections} connections, read cache off")
    print(f"AKPK per person, whole agency: {lines - 1} lines, {size / 1e6:.1f} MB in {took:.1f} s;"
          f" server peak RSS {rss_before:.0f} MB before, {peak:.0f} MB after")
    unit_lines = units.count(b"\n") - 1
    print(f"AKPK per unit, whole agency: {unit_lines} lines, {len(units) / 1e3:.0f} KB in {units_took:.2f} s")
    ok = all(r["p99"] < 50 and r["non2xx"] == 0 for _, _, r in pages)
    print("GOALS MET" if ok else "GOALS NOT MET")


if __name__ == "__main__":
    main()
