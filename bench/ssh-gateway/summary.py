"""Summarises run.sh's results.tsv when rows repeat (REPEAT=n): median and range per row, and the
MINA/OpenSSH ratio of each interleaved pair (run k of MINA against run k of OpenSSH), median and range.
Reads the 10 columns run.sh writes since 2026-11-30 (with JIT time and device CPU)."""
import statistics
import sys
from collections import defaultdict

rows = defaultdict(list)
with open(sys.argv[1]) as f:
    next(f)
    for line in f:
        gw, cipher, streams, _bytes, gbps, cpu, cpu_gb, rss, jit, device_gb = line.rstrip("\n").split("\t")
        rows[(cipher, streams, gw)].append((float(gbps), float(cpu_gb), float(rss), None if jit == "-" else float(jit),
                                            float(device_gb)))


def span(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


print("\ncipher\tstreams\tgateway\truns\tGbit/s median (range)\tCPU s/GB median (range)\tpeak RSS MB"
      "\tJIT s median (range)\tdevice CPU s/GB median (range)")
for (cipher, streams, gw), runs in sorted(rows.items()):
    jit = [r[3] for r in runs if r[3] is not None]
    print(f"{cipher}\t{streams}\t{gw}\t{len(runs)}\t{span([r[0] for r in runs])}\t{span([r[1] for r in runs])}"
          f"\t{max(r[2] for r in runs):.0f}\t{span(jit) if jit else '-'}\t{span([r[4] for r in runs])}")
print("\ncipher\tstreams\tMINA/OpenSSH ratio per pair, median (range)")
for (cipher, streams, gw), runs in sorted(rows.items()):
    if gw != "mina" or (cipher, streams, "openssh") not in rows:
        continue
    pairs = [m[0] / o[0] for m, o in zip(runs, rows[(cipher, streams, "openssh")])]
    print(f"{cipher}\t{streams}\t{span(pairs)}")
