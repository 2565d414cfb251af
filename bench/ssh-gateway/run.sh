#!/usr/bin/env bash
# Throughput through a device's reverse tunnel (renter -> gateway -> device), p2pvps's Apache MINA SSHD
# gateway side by side with OpenSSH's sshd as the gateway: the same `ssh -N -R` device client, iperf3
# (server on the device side, results from the receiver), 1 and 4 streams, two ciphers, BYTES per run
# (default 3G, past Apache SSHD's 1 GB re-key). Also gateway CPU and peak memory, and heap per idle device
# with DEVICES simulated devices (Apache SSHD clients); per row also the MINA gateway's JIT compiler time and the
# device client's CPU per GB. Everything on 127.0.0.1. Needs root (throwaway sshd)
# and: apt-get install openssh-client openssh-server iperf3
#
#   bench/ssh-gateway/run.sh            # full run
#   BYTES=500M DEVICES=100 bench/ssh-gateway/run.sh   # quick look
#   SKIP_THROUGHPUT=1 bench/ssh-gateway/run.sh         # idle devices only
#   SKIP_IDLE=1 REPEAT=3 bench/ssh-gateway/run.sh      # throughput only, each row 3 times (interleaved)
#   GATEWAYS=mina EXTRA_CP=<jars> ...                  # MINA alone; extra jars (e.g. sshd-netty) on its classpath
#   WARMUP=0 ...                                       # no untimed JIT warm-up transfer (default 1G per cipher)
#   SKIP_BUILD=1 ...                                   # reuse target/ from an earlier run
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java GATEWAYS=mina ...   # the gateway on another JVM
#   JAVA_OPTS='-Dgateway.config=channel.window.bytes=8388608,nio.workers=2' ...   # try a gateway setting
#   JAVA_OPTS='-Dgateway.config=chacha20.openssl=false' ...   # chacha20 in Java, not on the OS's OpenSSL (the default;
#                      # JNA comes with the test classpath, libcrypto.so.3 from the OS)
#   OPENSSH_REKEY=1G ...   # OpenSSH's sshd re-keys after 1G as the gateway does (its own default for aes-gcm: 64 GB,
#                          # so by default only the MINA gateway re-keys aes128-gcm within BYTES)
#   VECTOR_API=1 ...   # the gateway JVM with --add-modules jdk.incubator.vector (the server's opt-in in bin/setenv):
#                      # with chacha20.openssl=false, the Vector API ChaCha20 on Java 17 instead of the plain-Java one
set -euo pipefail
cd "$(dirname "$0")/../.."
BYTES=${BYTES:-3G}
DEVICES=${DEVICES:-1000}
CIPHERS=${CIPHERS:-"aes128-gcm@openssh.com chacha20-poly1305@openssh.com"}
STREAMS=${STREAMS:-"1 4"}
REPEAT=${REPEAT:-1}
GATEWAYS=${GATEWAYS:-"mina openssh"}   # "mina" alone to screen gateway settings by CPU per GB
work=$(mktemp -d /tmp/p2pvps-bench-gw.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_port() { for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
# waits for a listener without connecting to it: a probe connection through a tunnel would reach iperf3
await_listen() { local hex; hex=$(printf '%04X' "$1"); for _ in $(seq 200); do awk -v p=":$hex" '$4=="0A" && $2 ~ p"$" {f=1} END {exit !f}' /proc/net/tcp /proc/net/tcp6 && return 0; sleep 0.1; done; echo "port $1 never listened" >&2; exit 1; }
cpu_ticks() { local t=0; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
rss_peak_kb() { local m=0; for p in "$@"; do [[ -r /proc/$p/status ]] && m=$((m + $(awk '/VmHWM/{print $2}' /proc/$p/status))); done; echo $m; }

[[ -n ${SKIP_BUILD:-} ]] || ./mvnw -B -q install -pl bundles/ssh-gateway -am -DskipTests
./mvnw -B -q -pl bundles/ssh-gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
cp="bundles/ssh-gateway/target/test-classes:bundles/ssh-gateway/target/classes:$(cat "$work/cp")${EXTRA_CP:+:$EXTRA_CP}"
ssh-keygen -q -t ed25519 -N "" -f "$work/device_key"

iperf_port=$(free_port)
iperf3 -s -B 127.0.0.1 -p "$iperf_port" >/dev/null 2>&1 & pids+=($!)

# --- gateway 1: p2pvps (Apache MINA SSHD) -----------------------------------------------------------
mina_port=$(free_port); mina_tunnel=$(free_port)
vector_api=$([[ ${VECTOR_API:-0} == 1 ]] && echo "--add-modules jdk.incubator.vector" || true)
coproc MINA { exec ${JAVA:-java} $vector_api ${JAVA_OPTS:-} -cp "$cp" org.p2pvps.sshgateway.internal.BenchGateway "$mina_port" "$work/device_key.pub" 1 "$mina_tunnel"; }
pids+=($MINA_PID); ready=; until [[ $ready == READY* ]]; do read -r ready <&"${MINA[0]}"; done; echo "mina gateway: $ready"

# --- gateway 2: OpenSSH sshd, configured as strictly as the gateway can be ----------------------------
mkdir -p /run/sshd "$work/sshd"
ssh-keygen -q -t ed25519 -N "" -f "$work/sshd/host_key"
cp "$work/device_key.pub" "$work/sshd/authorized_keys"
openssh_port=$(free_port); openssh_tunnel=$(free_port)
cat >"$work/sshd/sshd_config" <<CFG
ListenAddress 127.0.0.1
Port $openssh_port
HostKey $work/sshd/host_key
AuthorizedKeysFile $work/sshd/authorized_keys
PidFile none
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowTcpForwarding remote
PermitListen $openssh_tunnel
GatewayPorts no
PermitTTY no
X11Forwarding no
AllowAgentForwarding no
${OPENSSH_REKEY:+RekeyLimit $OPENSSH_REKEY}
CFG
/usr/sbin/sshd -D -e -f "$work/sshd/sshd_config" 2>"$work/sshd/log" & openssh_pid=$!; pids+=($openssh_pid)
await_port "$openssh_port"

ssh_opts=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o IdentitiesOnly=yes
          -o ExitOnForwardFailure=yes -o LogLevel=ERROR -F /dev/null -i "$work/device_key")
hz=$(getconf CLK_TCK)
results="$work/results.tsv"
header='gateway\tcipher\tstreams\tbytes\tGbit/s\tgateway CPU s\tCPU s per GB\tgateway peak RSS MB\tJIT s\tdevice CPU s per GB\n'
printf '%b' "$header" >"$results"
jit_ms() { echo jit >&"${MINA[1]}"; local reply; read -r _ reply <&"${MINA[0]}"; echo "$reply"; }

run_one() { # gateway-name gateway-port tunnel-port user cipher streams gateway-pids...
  local name=$1 gport=$2 tport=$3 user=$4 cipher=$5 streams=$6; shift 6
  ssh -N -p "$gport" "${ssh_opts[@]}" -c "$cipher" -R "$tport:127.0.0.1:$iperf_port" "$user@127.0.0.1" & local dev=$!
  await_listen "$tport"
  local gpids=("$@"); [[ $name == openssh ]] && gpids+=($(pgrep -P "$openssh_pid" || true))
  local c0 d0 j0=0 j1=0; c0=$(cpu_ticks "${gpids[@]}"); d0=$(cpu_ticks "$dev"); [[ $name == mina ]] && j0=$(jit_ms)
  iperf3 -c 127.0.0.1 -p "$tport" -n "$BYTES" -P "$streams" -J >"$work/iperf-$name-$cipher-$streams.json"
  gpids=("$@"); [[ $name == openssh ]] && gpids+=($(pgrep -P "$openssh_pid" || true)) && gpids+=($(for p in $(pgrep -P "$openssh_pid"); do pgrep -P "$p"; done || true))
  local c1 d1; c1=$(cpu_ticks "${gpids[@]}"); d1=$(cpu_ticks "$dev"); [[ $name == mina ]] && j1=$(jit_ms)
  local rss; rss=$(rss_peak_kb "${gpids[@]}")
  kill "$dev"; wait "$dev" 2>/dev/null || true
  python3 - "$work/iperf-$name-$cipher-$streams.json" "$name" "$cipher" "$streams" "$((c1 - c0))" "$hz" "$rss" "$((j1 - j0))" "$((d1 - d0))" >>"$results" <<'PY'
import json, sys
f, name, cipher, streams, ticks, hz, rss, jit_ms, device_ticks = sys.argv[1:]
end = json.load(open(f))["end"]["sum_received"]
secs = int(ticks) / int(hz)
gb = end["bytes"] / 1e9
jit = f"{int(jit_ms) / 1000:.1f}" if name == "mina" else "-"
print(f"{name}\t{cipher}\t{streams}\t{end['bytes']}\t{end['bits_per_second']/1e9:.2f}\t{secs:.1f}\t{secs/gb:.2f}\t{int(rss)/1024:.0f}\t{jit}"
      f"\t{int(device_ticks) / int(hz) / gb:.2f}")
PY
}

[[ -n ${SKIP_THROUGHPUT:-} ]] && CIPHERS=""
# Warm-up: an untimed transfer through each gateway and cipher first, so that the JVM's JIT compilation
# (several CPU seconds on this box) is not billed to the first measured row; a gateway runs for months.
if [[ ${WARMUP:-1G} != 0 ]]; then
  for cipher in $CIPHERS; do
    [[ $GATEWAYS == *mina* ]] && BYTES=${WARMUP:-1G} run_one mina "$mina_port" "$mina_tunnel" bench-0 "$cipher" 1 "$MINA_PID"
  done
  printf '%b' "$header" >"$results"
fi
for round in $(seq "$REPEAT"); do
  for cipher in $CIPHERS; do
    for streams in $STREAMS; do
      [[ $GATEWAYS == *mina* ]] && run_one mina "$mina_port" "$mina_tunnel" bench-0 "$cipher" "$streams" "$MINA_PID"
      [[ $GATEWAYS == *openssh* ]] && run_one openssh "$openssh_port" "$openssh_tunnel" root "$cipher" "$streams" "$openssh_pid"
    done
  done
done
echo 'tunnels' >&"${MINA[1]}"; read -r _ <&"${MINA[0]}"
kill "$MINA_PID"; wait "$MINA_PID" 2>/dev/null || true
if [[ -n ${SKIP_IDLE:-} ]]; then
  column -t -s $'\t' "$results"; python3 bench/ssh-gateway/summary.py "$results"; echo "(raw iperf3 JSON in $work)"; exit 0
fi

# --- memory per idle device ------------------------------------------------------------------------------
# tunnel ports below the kernel's ephemeral range, so the devices' own connections never sit on one
idle_port=$(free_port); first=${FIRST_TUNNEL_PORT:-20000}
coproc IDLE { exec ${JAVA:-java} -Xmx1g ${JAVA_OPTS:-} -cp "$cp" org.p2pvps.sshgateway.internal.BenchGateway "$idle_port" "$work/device_key.pub" "$DEVICES" "$first"; }
pids+=($IDLE_PID); read -r _ <&"${IDLE[0]}"
echo heap >&"${IDLE[1]}"; read -r _ before <&"${IDLE[0]}"
coproc DEVS { exec ${JAVA:-java} -cp "$cp" org.p2pvps.sshgateway.internal.BenchDevices "$idle_port" "$work/device_key" "$DEVICES" "$first"; }
pids+=($DEVS_PID); read -r _ connected <&"${DEVS[0]}"
echo tunnels >&"${IDLE[1]}"; read -r _ tunnels <&"${IDLE[0]}"
echo heap >&"${IDLE[1]}"; read -r _ after <&"${IDLE[0]}"
idle_rss=$(rss_peak_kb "$IDLE_PID")

column -t -s $'\t' "$results"
[[ -s $results ]] && python3 bench/ssh-gateway/summary.py "$results"
echo
echo "idle devices: $connected connected, $tunnels tunnels up; gateway heap $((before / 1024)) KB -> $((after / 1024)) KB:" \
     "$(( (after - before) / connected / 1024 )) KB per device; gateway peak RSS $((idle_rss / 1024)) MB"
echo "(raw iperf3 JSON in $work)"
