#!/usr/bin/env bash
# Device runtime benchmark (issue 5, "Benchmark"): resident memory (VmRSS) of the packaged runtime idle and
# with an active rental, and the time from start to tunnel up for a registered device.
#
# The set-up is DeviceRuntimeIT's: the tar.gz unpacked and run through bin/p2pvps-device with the local-sshd
# driver, the governor's test double of the server's device API (FakeServer) and a throwaway OpenSSH sshd
# as the gateway (OpenSshGateway), both from device-bundle/governor's test-jar; 127.0.0.1 only, free ports.
# A renter's OpenSSH client (sshpass + ssh -p <tunnelPort>) runs commands through the tunnel.
# Needs root (sshd logs the device in as a real user), sshd, ssh, sshpass, jcmd (JDK 17+).
#
#   bench/device/run.sh                          # every flag set in VARIANTS below, STARTS timed starts each
#   STARTS=9 IDLE=30 bench/device/run.sh         # more starts, longer idle/rented sampling (seconds)
#   ONLY="default tuned" bench/device/run.sh     # a subset of the variants, by name
#   SKIP_BUILD=1 bench/device/run.sh             # use the existing tar.gz as it is
#   TAR=/tmp/old.tar.gz bench/device/run.sh      # measure another device tar.gz (e.g. a build from before a change)
#   DRIVER=docker bench/device/run.sh            # the docker driver instead of local-sshd (needs dockerd and the
#                                                # device image, e.g. from the docker-driver tests; never beside
#                                                # those tests: both clean up containers with our labels)
#   HTTPS=1 bench/device/run.sh                 # the device talks https (as a real one does) to a TLS front of the
#                                                # fake server, trusting the JDK's CA certificates plus the front's
#   NMT=1 ...                                    # also a diagnostic run of each variant with NMT: jcmd summaries,
#                                                # a class histogram and who holds the heap (heapowners.py)
#
# Writes bench/device/RESULTS.md (tables) and keeps raw output under bench/device/logs/<date>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
STARTS=${STARTS:-7}   # timed starts of the registered device per flag set
IDLE=${IDLE:-20}
tar=${TAR:-"$root/device-bundle/runtime/target/p2pvps-device-0.1.0-SNAPSHOT.tar.gz"}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/bench/device/logs/$stamp"
mkdir -p "$out"
work=$(mktemp -d /tmp/p2pvps-bench-device.XXXXXX)
trap 'rm -rf "$work"' EXIT

# --- flag sets: name | P2PVPS_JAVA_OPTS ("-": bin/p2pvps-device's defaults) | JAVA_OPTS (added) | environment
#     | bundles to leave out (diagnostic: jar name prefixes) -------------------------------------------------------
# "before" is what bin/p2pvps-device shipped with before the tuning (glibc's default arena count, 8 per core);
# "tuned" is what it ships with now (its first start writes the class-data archive data/cds/app.jsa at its stop, the
# timed starts use it); the others show what one change is worth ("tuned-no-appcds": without that archive).
GLIBC_ARENAS=$((8 * $(nproc)))
VARIANTS=${VARIANTS:-"
before|-Xss256k -XX:+UseSerialGC -Xms16m -Xmx48m -XX:MaxMetaspaceSize=48m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=16m -XX:+ExitOnOutOfMemoryError||MALLOC_ARENA_MAX=$GLIBC_ARENAS|
tuned|-|||
tuned-no-appcds|-||P2PVPS_CDS=off|
tuned-cds-off|-|-Xshare:off||
tuned-tighter|-|-Xmx24m -Xmn4m -XX:TrimNativeHeapInterval=5000||
tuned-no-docker-driver|-|||p2pvps-docker-driver
jvm-defaults|-XX:+ExitOnOutOfMemoryError||MALLOC_ARENA_MAX=$GLIBC_ARENAS|
temurin25|-||JAVA=$(ls -d /usr/lib/jvm/temurin-25-* 2>/dev/null | head -n 1)/bin/java|
"}
# temurin25: the same flags on Temurin 25 (an extra row; the verdict is for JDK 17, what Debian ships for Raspberry Pis).

if [[ -z ${SKIP_BUILD:-} && -z ${TAR:-} ]]; then
    newest_src=$(find device-bundle/governor/src/main device-bundle/docker-driver/src/main device-bundle/runtime/src/main \
        config/device -type f -newer "$tar" 2>/dev/null | head -n 1 || true)
    if [[ ! -f $tar || -n $newest_src ]]; then
        ./mvnw -B -o -q install -pl device-bundle/governor,device-bundle/docker-driver,device-bundle/runtime -DskipTests
    fi
fi
cpfile="$root/device-bundle/runtime/target/bench-test-classpath.txt"
if [[ ! -s $cpfile || $cpfile -ot device-bundle/runtime/pom.xml ]]; then
    ./mvnw -B -o -q -pl device-bundle/runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
fi
cp=$(cat "$cpfile")
cp "$tar" "$work/"; tar_built=$(date -u -r "$tar" +%FT%TZ); tar="$work/$(basename "$tar")"   # a rebuild meanwhile changes nothing
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$cp" bench/device/src/org/p2pvps/governor/internal/DeviceBench.java

machine() {
    echo "- CPU: $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/{printf "%.0f MB", $2/1024}' /proc/meminfo) RAM, $(uname -sr)"
    echo "- Java: $(java -version 2>&1 | sed -n 2p) (row temurin25: $(ls -d /usr/lib/jvm/temurin-25-* 2>/dev/null | head -n 1))"
    echo "- tar.gz: $(basename "$tar") built $tar_built, $(du -k "$tar" | cut -f1) kB"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

run_variant() { # name opts java_opts env drop dir
    local name=$1 opts=$2 jopts=$3 env=$4 drop=$5 dir=$6
    local -a e=(BENCH_ENV="$env" BENCH_JAVA_OPTS="$jopts" BENCH_DROP_BUNDLES="$drop" BENCH_DRIVER="${DRIVER:-local-sshd}" BENCH_HTTPS="${HTTPS:-}")
    [[ $opts == - ]] || e+=(BENCH_OPTS="$opts")
    local l0; l0=$(load)
    if env "${e[@]}" java -cp "$work/classes:$cp" org.p2pvps.governor.internal.DeviceBench "$tar" "$dir" "$STARTS" "$IDLE" \
        >"$dir.out" 2>&1; then :; else echo "!! $name failed: $(grep -h '^error=' "$dir/result.properties" 2>/dev/null)" >&2; fi
    echo "load=$l0 -> $(load)" >>"$dir/result.properties"
    cp "$dir/result.properties" "$out/$name.properties" 2>/dev/null || true
    cp "$dir.out" "$out/$name.out"
    cp "$dir"/p2pvps-device-*/runtime.log "$out/$name.runtime.log" 2>/dev/null || true
    for f in "$dir"/nmt-*.txt; do [[ -e $f ]] && cp "$f" "$out/$name.$(basename "$f")"; done
    for f in "$dir"/heap-*.hprof; do [[ -e $f ]] && python3 bench/device/heapowners.py "$f" 60 >"$out/$name.$(basename "$f" .hprof).txt"; done
    rm -rf "$dir"
}

names=()
while IFS='|' read -r name opts jopts env drop; do
    [[ -n $name ]] || continue
    if [[ -n ${ONLY:-} && " $ONLY " != *" $name "* ]]; then continue; fi
    names+=("$name")
    printf '%s|%s|%s|%s|%s\n' "$name" "$opts" "$jopts" "$env" "$drop" >>"$out/variants.txt"
    echo "== $name"
    run_variant "$name" "$opts" "$jopts" "$env" "$drop" "$work/$name"
    grep -E '^(start_ms_median|start_ms_max|rss_idle_kb|rss_session_kb|rss_rented_kb|rss_peak_kb|ok|load)=' "$out/$name.properties" | tr '\n' ' '; echo
    if [[ -n ${NMT:-} ]]; then
        echo "== $name (NMT diagnostic, not timed)"
        STARTS=1 run_variant "$name.nmt" "$opts" "$jopts -XX:NativeMemoryTracking=summary" "$env" "$drop" "$work/$name.nmt"
    fi
done <<<"$VARIANTS"

python3 bench/device/report.py "$out" "$root/bench/device/RESULTS.md" "$(machine)" "${TAR:+TAR=$TAR }${DRIVER:+DRIVER=$DRIVER }${HTTPS:+HTTPS=$HTTPS }STARTS=$STARTS IDLE=$IDLE ${ONLY:+ONLY=\"$ONLY\" }${NMT:+NMT=1 }bench/device/run.sh" "${names[@]}"
echo "bench/device/RESULTS.md written (raw: ${out#$root/})"
