"""Load test: concurrent clients mixing /ask, /search and /targets against the local service.

Usage: python eval/load.py [--clients 16] [--seconds 60] [--max-requests 50000] [--warmup 5]
                           [--mix ask=2,search=2,targets=1] [--fresh] [--churn FILE]
                           [--url http://127.0.0.1:PORT] [--json]

Without --url it starts `kb serve` itself on a free 127.0.0.1 port (building index/ if needed) and
stops it afterwards. It only ever talks to loopback addresses, and every run is bounded by
--seconds and --max-requests. Questions come from eval/gold.jsonl, indicators from
eval/targets_gold.jsonl. --fresh makes every question unique, so the server's query-embedding
cache never helps (the worst case: every request embeds its question). --churn FILE uploads FILE
through POST /documents and deletes it again, over and over while the clients run, to show that
searches during an index change neither fail nor slow to a halt; a server the script starts for
this works on a temporary copy of corpus/ and index/.
"""
from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import math
import os
import random
import shutil
import socket
import string
import sys
import tempfile
import threading
import time
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from kb.serve.server import background_server
from kb.serve.settings import AppSettings

ROOT = Path(__file__).resolve().parent.parent
LIMITS = {"clients": 64, "seconds": 600, "max_requests": 200_000}
ENDPOINTS = ("ask", "search", "targets")


def check_url(url: str) -> tuple[str, int]:
    """Host and port of a loopback URL; anything else is refused."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise SystemExit(f"--url must look like http://127.0.0.1:7860, not {url!r}")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, None)}
    except socket.gaierror as exc:
        raise SystemExit(f"cannot resolve {parts.hostname!r}: {exc}") from None
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(f"refusing {parts.hostname!r}: the load test only talks to this machine (127.0.0.1, ::1).")
    return parts.hostname, parts.port or 80


def pools() -> dict[str, list[str]]:
    """Gold questions for /ask and /search, indicator names for /targets."""
    def rows(name: str) -> list[dict]:
        text = (ROOT / "eval" / name).read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    return {"questions": [r["question"] for r in rows("gold.jsonl")],
            "indicators": sorted({r["indicator"] for r in rows("targets_gold.jsonl") if r.get("indicator")})}


class Client(threading.Thread):
    """One keep-alive connection sending requests until the deadline or the shared budget runs out."""

    def __init__(self, host: str, port: int, plan: "Plan"):
        super().__init__(daemon=True)
        self.host, self.port, self.plan = host, port, plan
        self.results: list[tuple[str, float, str | None, bool]] = []  # endpoint, seconds, error, keyword-only
        self._conn: http.client.HTTPConnection | None = None

    def run(self) -> None:
        rng = random.Random()
        while (path := self.plan.next(rng)) is not None:
            endpoint = path[1:path.index("?")]
            start = time.perf_counter()
            error, degraded = self._get(path)
            self.plan.record(self.results, endpoint, time.perf_counter() - start, error, degraded)
        if self._conn:
            self._conn.close()

    def _get(self, path: str) -> tuple[str | None, bool]:
        """The error (None if HTTP 200) and whether the server answered keyword-only because it was busy."""
        try:
            if self._conn is None:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self._conn.request("GET", path)
            response = self._conn.getresponse()
            body = response.read()
            if response.status != 200:
                return f"HTTP {response.status}", False
            return None, bool(json.loads(body).get("notice")) if path.startswith(("/ask", "/search")) else False
        except (OSError, http.client.HTTPException, ValueError) as exc:
            self._conn = None  # reconnect next time
            return type(exc).__name__, False


class Churn(threading.Thread):
    """Adds a document through the API and removes it again, until the plan's deadline."""

    DOC_ID = "load-test-churn"

    def __init__(self, host: str, port: int, plan: "Plan", file: Path):
        super().__init__(daemon=True)
        self.host, self.port, self.plan, self.file = host, port, plan, file
        self.changes: list[tuple[str, float, str | None]] = []  # add/remove, seconds, error

    def run(self) -> None:
        boundary = "kb-load-" + "".join(random.choices(string.ascii_lowercase, k=12))
        body = b"".join([
            f'--{boundary}\r\nContent-Disposition: form-data; name="id"\r\n\r\n{self.DOC_ID}\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{self.file.name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode(),
            self.file.read_bytes(), f"\r\n--{boundary}--\r\n".encode()])
        add = ("POST", "/documents", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        remove = ("DELETE", f"/documents/{self.DOC_ID}", None, {})
        while time.monotonic() < self.plan.deadline:
            for name, (method, path, data, headers) in (("add", add), ("remove", remove)):
                start = time.perf_counter()
                error = self._send(method, path, data, headers)
                self.changes.append((name, time.perf_counter() - start, error))
                time.sleep(1.0)

    def _send(self, method: str, path: str, body: bytes | None, headers: dict) -> str | None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            detail = response.read()[:200].decode("utf-8", "replace")
            return None if response.status in (200, 201) else f"HTTP {response.status}: {detail}"
        except (OSError, http.client.HTTPException) as exc:
            return type(exc).__name__
        finally:
            conn.close()


class Plan:
    """What to ask next, shared by all clients: the mix, the time limit and the request budget."""

    def __init__(self, seconds: float, max_requests: int, mix: dict[str, int], fresh: bool, warmup: float):
        self.pools = pools()
        self.endpoints = [e for e, w in mix.items() for _ in range(w)]
        self.fresh, self.max_requests = fresh, max_requests
        self.measure_from = time.monotonic() + warmup
        self.deadline = self.measure_from + seconds
        self.sent = 0
        self._lock = threading.Lock()

    def next(self, rng: random.Random) -> str | None:
        with self._lock:
            if time.monotonic() >= self.deadline or self.sent >= self.max_requests:
                return None
            self.sent += 1
        endpoint = rng.choice(self.endpoints)
        if endpoint == "targets":
            return "/targets?" + urlencode({"indicator": rng.choice(self.pools["indicators"])})
        question = rng.choice(self.pools["questions"])
        if self.fresh:  # a unique tail defeats the query-embedding cache without changing the keywords
            question += "（" + "".join(rng.choices(string.ascii_lowercase, k=6)) + "）"
        params = {"q": question} if endpoint == "ask" else {"q": question, "k": 10}
        return f"/{endpoint}?" + urlencode(params)

    def record(self, results: list, endpoint: str, seconds: float, error: str | None, degraded: bool) -> None:
        if time.monotonic() - seconds >= self.measure_from:  # requests started during warm-up are dropped
            results.append((endpoint, seconds, error, degraded))


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else 0.0


def summary(results: list[tuple[str, float, str | None, bool]], seconds: float) -> dict:
    """Throughput, latency percentiles (ms), errors and keyword-only answers, overall and per endpoint."""
    def stats(rows: list) -> dict:
        ms = [r[1] * 1000 for r in rows]
        return {"requests": len(rows), "errors": sum(r[2] is not None for r in rows),
                "keyword_only": sum(r[3] for r in rows),
                **{f"p{int(q * 100)}_ms": round(percentile(ms, q), 1) for q in (0.5, 0.95, 0.99)},
                "max_ms": round(max(ms), 1) if ms else 0.0}

    errors: dict[str, int] = {}
    for _, _, error, _ in results:
        if error:
            errors[error] = errors.get(error, 0) + 1
    return {"seconds": round(seconds, 1), "throughput_rps": round(len(results) / seconds, 1) if seconds else 0.0,
            "overall": stats(results), "endpoints": {e: stats([r for r in results if r[0] == e]) for e in ENDPOINTS},
            "error_kinds": errors}


def run(url: str, clients: int = 16, seconds: float = 60, max_requests: int = 50_000,
        mix: dict[str, int] | None = None, fresh: bool = False, warmup: float = 5, churn: Path | None = None) -> dict:
    """Drive the service at `url` (loopback only) and return the summary; `churn` adds and removes a file."""
    host, port = check_url(url)
    clients = max(1, min(clients, LIMITS["clients"]))
    seconds = max(1.0, min(seconds, LIMITS["seconds"]))
    max_requests = max(1, min(max_requests, LIMITS["max_requests"]))
    plan = Plan(seconds, max_requests, mix or {"ask": 2, "search": 2, "targets": 1}, fresh, warmup)
    threads = [Client(host, port, plan) for _ in range(clients)]
    changer = Churn(host, port, plan, churn) if churn else None
    for t in [*threads, *([changer] if changer else [])]:
        t.start()
    for t in threads:
        t.join(timeout=seconds + warmup + 60)
    elapsed = min(time.monotonic(), plan.deadline) - plan.measure_from
    report = summary([r for t in threads for r in t.results], elapsed)
    report.update(url=url, clients=clients, fresh=fresh, warmup_s=warmup, cpus=os.cpu_count())
    if changer:
        changer.join(timeout=600)
        report["index_changes"] = {"done": sum(e is None for _, _, e in changer.changes),
                                   "failed": [e for _, _, e in changer.changes if e],
                                   "p50_s": round(percentile([s for _, s, _ in changer.changes], 0.5), 2)}
    return report


def _mix(text: str) -> dict[str, int]:
    try:
        mix = {name.strip(): int(weight) for name, weight in (part.split("=") for part in text.split(","))}
    except ValueError:
        raise SystemExit(f"--mix must look like ask=2,search=2,targets=1, not {text!r}") from None
    if set(mix) - set(ENDPOINTS) or not any(w > 0 for w in mix.values()) or any(w < 0 for w in mix.values()):
        raise SystemExit(f"--mix weights are non-negative integers for {', '.join(ENDPOINTS)}")
    return mix


def print_report(r: dict) -> None:
    print(f"{r['clients']} clients for {r['seconds']} s against {r['url']} ({r['cpus']} CPUs, "
          f"{'fresh questions' if r['fresh'] else 'gold questions, repeats allowed'}, {r['warmup_s']} s warm-up not counted)")
    print(f"requests {r['overall']['requests']}  throughput {r['throughput_rps']}/s  errors {r['overall']['errors']}"
          + (f"  {r['error_kinds']}" if r["error_kinds"] else ""))
    print(f"{'':<9}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'keyword-only':>14}")
    for name, s in [("all", r["overall"]), *r["endpoints"].items()]:
        share = f"{s['keyword_only']} ({s['keyword_only'] / s['requests']:.0%})" if s["requests"] else "0"
        print(f"{name:<9}{s['requests']:>7}{s['p50_ms']:>9}{s['p95_ms']:>9}{s['p99_ms']:>9}{s['max_ms']:>9}{share:>14}")
    if "index_changes" in r:
        c = r["index_changes"]
        print(f"index changes (document added or removed) during the run: {c['done']} done, median {c['p50_s']} s"
              + (f", {len(c['failed'])} failed: {c['failed'][:3]}" if c["failed"] else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running service on this machine (default: start one)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load before measuring")
    parser.add_argument("--mix", type=_mix, default={"ask": 2, "search": 2, "targets": 1})
    parser.add_argument("--fresh", action="store_true", help="unique questions: no query-embedding cache hits")
    parser.add_argument("--churn", type=Path, metavar="FILE", help="add and remove this document during the run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    for name, limit in LIMITS.items():
        if not 1 <= getattr(args, name) <= limit:
            parser.error(f"--{name.replace('_', '-')} must be between 1 and {limit}")
    if not 0 <= args.warmup <= 60:
        parser.error("--warmup must be between 0 and 60 seconds")
    if args.url:
        check_url(args.url)
    if args.churn and not args.churn.is_file():
        parser.error(f"--churn: no such file {args.churn}")
    with tempfile.TemporaryDirectory(prefix="kb-load-") as scratch, \
            (nullcontext(args.url) if args.url else background_server(server_env(args.churn, Path(scratch)), cwd=ROOT)) as url:
        report = run(url, args.clients, args.seconds, args.max_requests, args.mix, args.fresh, args.warmup, args.churn)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print_report(report)
    sys.exit(1 if report["overall"]["errors"] or report.get("index_changes", {}).get("failed") else 0)


def server_env(churn: Path | None, scratch: Path) -> dict[str, str]:
    """Settings for a server the script starts: with --churn, a copy of the corpus and index to change."""
    if not churn:
        return {}
    settings = AppSettings()
    corpus, index = scratch / "corpus", scratch / "index"
    shutil.copytree(ROOT / settings.corpus_dir, corpus)
    if (ROOT / settings.index_dir).is_dir():
        shutil.copytree(ROOT / settings.index_dir, index)
    return {"KB_CORPUS_DIR": str(corpus), "KB_INDEX_DIR": str(index)}


if __name__ == "__main__":
    main()
