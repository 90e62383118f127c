"""The mixed workload (see run.sh): thousands of employees, each with a session of
their own, open their dashboard and to-do list and save their form, while HR pages
through the employee list with different filters. wrk drives it (bench/mixed.lua)
from a request file written here; the server's memory is read from /proc."""

import json
import os
import random
import re
import sqlite3
import subprocess
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))

# Shares of the mix, in percent.
MIX = {"dashboard": 40, "todo": 25, "hr_list": 20, "save": 15}
HR_TERMS = ["sri", "budi", "dewi", "ahmad", "putri", "wati", "eko", "siti", "rahmat", "nur"]


def sessions(bin_, db, users, out_dir):
    path = os.path.join(out_dir, "sessions.txt")
    subprocess.run([bin_, "--db", db, "--no-seed", "gen-bench-sessions", "--users", str(users), "--out", path],
                   check=True, capture_output=True)
    with open(path) as f:
        return [(t, int(e)) for t, e in (line.split() for line in f if line.strip())]


def own_forms(db, employees):
    """Each employee's own (self) form in the open campaign and its competencies."""
    with sqlite3.connect(db) as con:
        open_id = con.execute(
            "SELECT MAX(id) FROM campaigns WHERE name LIKE 'Uji beban berjalan%' AND status = 'running'").fetchone()[0]
        if open_id is None:
            return {}
        forms = {}
        ids = ",".join(str(e) for e in employees)
        for form, emp, std in con.execute(
                f"SELECT r.id, r.rater_id, t.standard_id FROM campaign_raters r JOIN campaign_ratees t "
                f"ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id "
                f"WHERE r.campaign_id = {open_id} AND r.source = 'self' AND r.rater_id IN ({ids})"):
            forms[emp] = (form, std)
        items = {}
        for std, comp in con.execute("SELECT standard_id, competency_id FROM standard_items"):
            items.setdefault(std, []).append(comp)
        return {emp: (form, items.get(std, [])) for emp, (form, std) in forms.items()}


def units(db, n):
    with sqlite3.connect(db) as con:
        return [r[0] for r in con.execute(f"SELECT id FROM units ORDER BY id LIMIT {n}")]


def request_file(db, users, hr_cookie, out_dir, n=60000, seed=7):
    """n requests in the MIX's shares, each by a random one of the users."""
    rng = random.Random(seed)
    forms = own_forms(db, [e for _, e in users])
    unit_ids = units(db, 2000)
    kinds = [k for k, share in MIX.items() for _ in range(share)]
    lines = []
    for _ in range(n):
        token, emp = rng.choice(users)
        cookie = f"cakap_session={token}"
        kind = rng.choice(kinds)
        if kind == "save" and emp not in forms:
            kind = "todo"
        if kind == "dashboard":
            lines.append(("GET", "/dashboard", cookie, ""))
        elif kind == "todo":
            lines.append(("GET", "/assess", cookie, ""))
        elif kind == "hr_list":
            pick = rng.randrange(4)
            path = ["/hr/employees?q=" + rng.choice(HR_TERMS),
                    f"/hr/employees?unit={rng.choice(unit_ids)}",
                    f"/hr/employees?page={rng.randrange(2, 200)}",
                    f"/hr/employees?q={rng.choice(HR_TERMS)}&inactive=1"][pick]
            lines.append(("GET", path, hr_cookie, ""))
        else:
            form, comps = forms[emp]
            body = [f"id={form}"]
            for k, c in enumerate(comps):
                body.append(f"items%5B{k}%5D%5Bcompetency_id%5D={c}&items%5B{k}%5D%5Blevel%5D={rng.randrange(1, 6)}")
            lines.append(("POST", "/api/assess/save", cookie, "&".join(body)))
    path = os.path.join(out_dir, "requests.tsv")
    with open(path, "w") as f:
        for line in lines:
            f.write("\t".join(line) + "\n")
    return path, len(forms)


def to_ms(value):
    m = re.match(r"([\d.]+)(us|ms|s)", value)
    n, unit = float(m.group(1)), m.group(2)
    return n / 1000 if unit == "us" else n * 1000 if unit == "s" else n


def wrk(url, reqfile, conns, seconds):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "--timeout", "10s", "--latency",
         "-s", os.path.join(HERE, "mixed.lua"), url, "--", reqfile],
        capture_output=True, text=True, check=True, env={**os.environ, "BENCH_ORIGIN": url},
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "errors": (int(errors.group(1)) if errors else 0) + (sum(map(int, sock.groups())) if sock else 0),
    }


def rss_mb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def post(url, path, cookie, body):
    req = urllib.request.Request(url + path, data=body.encode(), headers={
        "Origin": url, "Cookie": cookie, "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def write_probe(url, reqfile, stop, out, threads=4):
    """Form saves from the request file, one after another on each of `threads`,
    each timed on its own: the writes' latency and errors, apart from the mix's."""
    with open(reqfile) as f:
        saves = [line.rstrip("\n").split("\t") for line in f if line.startswith("POST")]
    times, errors, lock = [], [0], threading.Lock()

    def run(k):
        i = k
        while not stop.is_set() and saves:
            _, path, cookie, body = saves[i % len(saves)]
            i += threads
            t = time.perf_counter()
            try:
                post(url, path, cookie, body)
                ok = True
            except Exception:
                ok = False
            with lock:
                times.append((time.perf_counter() - t) * 1000)
                errors[0] += 0 if ok else 1

    workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else 0.0
    out.update({"writes": len(times), "write_errors": errors[0], "write_p50": pick(0.5), "write_p99": pick(0.99)})


def close_under_load(url, hr_cookie, campaign, reqfile, conns):
    """Starts closing `campaign` (a background job) while the mixed workload runs and
    form saves are timed apart (`write_probe`); returns how long the job took and
    what the users and the writes saw meanwhile."""
    result, writes, stop = {}, {}, threading.Event()
    load = threading.Thread(target=lambda: result.update(wrk(url, reqfile, conns, 60)))
    load.start()
    time.sleep(2)
    t = time.time()
    job = post(url, "/api/campaigns/close", hr_cookie, f"id={campaign}&confirm=on")
    probe = threading.Thread(target=write_probe, args=(url, reqfile, stop, writes))
    probe.start()
    state = "queued"
    while state not in ("done", "failed") and time.time() - t < 600:
        time.sleep(0.5)
        state = post(url, "/api/jobs/get", hr_cookie, f"id={job}")["state"]
    secs = time.time() - t
    stop.set()
    probe.join()
    load.join()
    return {"close_secs": secs, "state": state, **result, **writes}


def soak(url, reqfile, conns, seconds, pid):
    """The mix for `seconds`, sampling the server's memory every 10 s."""
    result, samples = {}, []
    load = threading.Thread(target=lambda: result.update(wrk(url, reqfile, conns, seconds)))
    load.start()
    start = time.time()
    while load.is_alive():
        samples.append((time.time() - start, rss_mb(pid, "RssAnon")))
        load.join(timeout=10)
    second = [m for t, m in samples if 60 <= t < 120]
    last = [m for t, m in samples if t >= seconds - 60]
    flat = bool(second and last) and abs(sum(last) / len(last) / (sum(second) / len(second)) - 1) <= 0.10
    return {**result, "samples": samples, "flat": flat}
