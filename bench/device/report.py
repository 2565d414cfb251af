#!/usr/bin/env python3
"""Adds one run (logs/<date>/<variant>.properties) to the generated part of bench/device/RESULTS.md, newest first.

Usage: report.py <run dir> <RESULTS.md> <machine lines> <command> <variant>...
Text outside the <!-- generated --> markers (the analysis) is kept as it is.
"""
import os, re, sys

run_dir, results, machine, command, *names = sys.argv[1:]
BEGIN, END = "<!-- generated:begin -->", "<!-- generated:end -->"
RSS_GOAL_MB, START_GOAL_MS = 64, 3000

def props(name):
    p = {}
    path = os.path.join(run_dir, name + ".properties")
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                p[k] = v
    return p

def mb(p, key):
    return f"{int(p[key]) / 1024:.1f}" if p.get(key, "").isdigit() else "–"

variants = {}
for line in open(os.path.join(run_dir, "variants.txt")):
    n, opts, jopts, env, drop = (line.rstrip("\n").split("|") + ["", "", "", ""])[:5]
    variants[n] = (opts, jopts, env, drop)

rows, flags = [], []
for n in names:
    p = props(n)
    ok = p.get("ok") == "true"
    worst = max((int(p[k]) for k in ("rss_idle_kb", "rss_session_kb", "rss_rented_kb") if p.get(k, "").isdigit()), default=None)
    # verdicts: RSS on the worst of idle / session / rented, start on the median of the registered starts
    rss_ok = worst is not None and worst <= RSS_GOAL_MB * 1024
    start_ok = p.get("start_ms_median", "").isdigit() and int(p["start_ms_median"]) <= START_GOAL_MS
    # wall times mean little while other jobs keep the CPUs busy (load average above the CPU count)
    loaded = max(float(x) for x in re.findall(r"[0-9.]+", p.get("load", "0"))[:1] or [0]) > (os.cpu_count() or 1)
    start_mark = ('✅' if start_ok else '❌') + (' (loaded machine: not conclusive)' if loaded and not start_ok else '')
    verdict = ("FAILED: " + p.get("error", "?")) if not ok else \
        f"RSS {'✅' if rss_ok else '❌'} ≤ {RSS_GOAL_MB} MiB, start {start_mark} ≤ 3 s"
    rows.append(f"| {n} | {mb(p,'rss_at_tunnel_up_kb')} | {mb(p,'rss_idle_kb')} | {mb(p,'rss_session_kb')} | "
                f"{mb(p,'rss_rented_kb')} | {mb(p,'rss_peak_kb')} | {mb(p,'rss_anon_kb')} / {mb(p,'rss_file_kb')} | "
                f"{p.get('threads_idle','–')}/{p.get('threads_session','–')} | {p.get('first_start_ms','–')} | "
                f"{p.get('start_ms_median','–')} / {p.get('start_ms_max','–')} | {p.get('cpu_ms_to_tunnel_median','–')} | "
                f"{p.get('load','–')} | {verdict} |")
    opts, jopts, env, drop = variants.get(n, ("?", "", "", ""))
    flags.append(f"- **{n}**: P2PVPS_JAVA_OPTS=" + ("*(unset: bin/p2pvps-device's defaults)*" if opts == "-" else f"`{opts}`")
                 + (f", JAVA_OPTS=`{jopts}`" if jopts else "") + (f", env `{env}`" if env else "") + (f", without bundle `{drop}*` (diagnostic)" if drop else "")
                 + f"; all starts (ms): {p.get('start_ms_all', '–')}")

section = "\n".join([
    f"## Run {os.path.basename(run_dir)}",
    "",
    "Command (from /work/main):",
    "```sh",
    command,
    "```",
    "Machine:",
    machine,
    f"- raw output: `bench/device/logs/{os.path.basename(run_dir)}/` (runtime logs, result.properties, NMT/class-loader summaries)",
    "",
    "RSS = VmRSS of the runtime's JVM from /proc/<pid>/status, in MiB (goal: 64 MiB = 65,536 kB); *idle*: registered, tunnel up, no rental, median of",
    "the last 5 one-second samples; *session*: a rental active and a renter's ssh session open (20 MB of output",
    "through the tunnel, then `sleep`); *rented*: rental active, session closed; *peak*: VmHWM at the end.",
    "Start: exec of bin/p2pvps-device to tunnel up (the gateway listens on the tunnel port and the device logged",
    "`Tunnel up`); *first* registers, the rest are starts of a registered device (median / max). CPU: user+sys",
    "ms the runtime burned until tunnel up (median), a load-independent view of start-up cost. Load: 1/5/15-min",
    "load average before → after the variant (other jobs on the machine inflate wall times).",
    "",
    "| flags | RSS at tunnel up | RSS idle | RSS session | RSS rented | peak | anon / file (end) | threads idle/session | first start ms | start ms median / max | CPU ms | load | verdict |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    *rows,
    "",
    *flags,
])

text = open(results).read() if os.path.exists(results) else "# Device runtime benchmark\n\n" + BEGIN + "\n" + END + "\n"
# the newest run first; earlier runs stay below it (the last KEEP)
KEEP = 6
older = []
if BEGIN in text and END in text:
    body = text[text.index(BEGIN) + len(BEGIN):text.index(END)]
    older = ["## Run " + part.strip("\n") for part in body.split("## Run ")[1:]]
gen = "\n".join([BEGIN, "\n\n".join([section] + older[:KEEP - 1]), END])
if BEGIN in text and END in text:
    text = text[:text.index(BEGIN)] + gen + text[text.index(END) + len(END):]
else:
    text = text.rstrip("\n") + "\n\n" + gen + "\n"
open(results, "w").write(text)
