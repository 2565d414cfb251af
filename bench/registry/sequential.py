#!/usr/bin/env python3
"""One client, N requests one after another: latency when a single request takes seconds, where a
20-second wrk run would complete next to nothing.

  sequential.py URL N
"""
import statistics
import sys
import time
import urllib.error
import urllib.request


def main(url, n):
    latencies = []
    total = None
    started = time.monotonic()
    for _ in range(n):
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=600) as response:
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as e:
            body, status = e.read(), e.code
        latencies.append(time.monotonic() - t0)
        if status != 200:
            print(f"  HTTP {status}: {body[:200]!r}")
    elapsed = time.monotonic() - started
    print(f"  {n} requests in {elapsed:.1f}s, one at a time: "
          + ", ".join(f"{l * 1000:.0f} ms" for l in latencies)
          + f"; median {statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
