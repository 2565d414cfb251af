#!/usr/bin/env python3
"""Poor man's profiler: aggregates `jcmd <pid> Thread.print` samples taken while wrk runs.

For every RUNNABLE thread whose stack passes through p2pvps or mongo-java-server code, it counts
(1) the topmost frame and (2) the innermost p2pvps frame, i.e. which registry call is waiting.
Usage: stacks.py sample-file...
"""
import collections
import re
import sys

FRAME = re.compile(r"^\s+at ([\w$.<>/]+)\(")


def threads(text):
    block = []
    for line in text.splitlines():
        if line.startswith('"'):
            if block:
                yield block
            block = [line]
        elif block:
            block.append(line)
    if block:
        yield block


def main(paths):
    top = collections.Counter()
    caller = collections.Counter()
    samples = 0
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for block in threads(text):
            state = next((l for l in block if "java.lang.Thread.State" in l), "")
            frames = [m.group(1) for m in (FRAME.match(l) for l in block) if m]
            if not frames or "RUNNABLE" not in state:
                continue
            if not any("bwaldvogel" in f or "p2pvps" in f for f in frames):
                continue
            if frames[0].startswith(("sun.nio.ch", "java.net.SocketInputStream", "sun.nio.ch.EPoll")):
                continue  # idle socket readers
            samples += 1
            top[frames[0]] += 1
            mine = next((f for f in frames if f.startswith("org.p2pvps")), None)
            server = next((f for f in frames if "bwaldvogel" in f and ("handle" in f or "Collection" in f)), None)
            caller[mine or server or "?"] += 1
    print(f"busy p2pvps/mongo-server thread samples: {samples}")
    print("top frames:")
    for frame, n in top.most_common(15):
        print(f"  {n:5d}  {100.0 * n / max(samples, 1):5.1f}%  {frame}")
    print("innermost p2pvps frame (or mongo-java-server entry when on the store's own threads):")
    for frame, n in caller.most_common(10):
        print(f"  {n:5d}  {100.0 * n / max(samples, 1):5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1:])
