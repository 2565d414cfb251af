#!/usr/bin/env python3
"""CPU accounting for the benchmark, so that numbers taken on a shared machine say how shared it was.

  cpu.py run PID -- COMMAND...   (PID 0: no server) runs COMMAND, then prints how the machine's CPU was spent meanwhile:
                                 the server (PID), COMMAND itself (e.g. wrk), and everything else; for wrk
                                 also the server's CPU time per request
  cpu.py quiet PID MAX_SECONDS   waits until the server (PID) is idle (at most 120 s), then until other
                                 processes use under a quarter of a core (3 s windows, at most
                                 MAX_SECONDS); prints what it saw
"""
import os
import re
import resource
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def busy_seconds():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / TICK


def process_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    except (FileNotFoundError, ProcessLookupError):
        return 0.0


def children_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(pid, command):
    t0, b0, p0, c0 = time.monotonic(), busy_seconds(), process_seconds(pid), children_seconds()
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    busy, server, tool = busy_seconds() - b0, process_seconds(pid) - p0, children_seconds() - c0
    others = max(0.0, busy - server - tool)
    cores = os.cpu_count()
    sys.stdout.write(result.stdout)
    line = (f"  CPU during the run ({cores} cores = {100 * cores}%): "
            + (f"server {100 * server / wall:.0f}%, " if pid > 0 else "")
            + f"{os.path.basename(command[0])} {100 * tool / wall:.0f}%, other processes {100 * others / wall:.0f}%")
    requests = re.search(r"(\d+) requests in", result.stdout)
    if requests and int(requests.group(1)) > 0:
        # contention-proof: what one request costs the server, however long it waited for a core
        line += f"; server CPU per request {1000 * server / int(requests.group(1)):.2f} ms"
    print(line, flush=True)
    return result.returncode


def quiet(pid, max_seconds):
    # first let the server finish what an earlier run left queued (wrk cuts requests at its deadline)
    idle_deadline = time.monotonic() + 120
    while True:
        p0 = process_seconds(pid)
        time.sleep(2)
        server = (process_seconds(pid) - p0) / 2
        if server < 0.1 or time.monotonic() > idle_deadline:
            break
    deadline = time.monotonic() + max_seconds
    while True:
        b0, p0 = busy_seconds(), process_seconds(pid)
        time.sleep(3)
        others = (busy_seconds() - b0 - (process_seconds(pid) - p0)) / 3
        if others < 0.25 or time.monotonic() > deadline:
            verdict = "quiet" if others < 0.25 else "NOT quiet, measuring anyway"
            print(f"  other processes use {100 * others:.0f}% CPU (100% = one core): {verdict}")
            return
        time.sleep(2)


if __name__ == "__main__":
    if sys.argv[1] == "run" and sys.argv[3] == "--":
        sys.exit(run(int(sys.argv[2]), sys.argv[4:]))
    elif sys.argv[1] == "quiet":
        quiet(int(sys.argv[2]), float(sys.argv[3]))
    else:
        sys.exit(__doc__)
