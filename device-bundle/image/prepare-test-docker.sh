#!/bin/bash
# Makes this machine ready for the docker driver's tests, as the tests themselves (and CI) call it:
# installs docker.io, debootstrap and the OpenSSH client tools from Debian when missing, starts a Docker
# daemon when none answers, and builds the device image offline (cached: instant when nothing changed).
#
# The daemon started here has no bridge and touches no iptables rules (--bridge=none --iptables=false):
# test containers use host networking on 127.0.0.1 only. It keeps running after the tests, for the next run.
# Exit codes: 0 ready; 1 something failed (the last lines say what); 2 not root and something is missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PATH="$PATH:/usr/sbin:/sbin"   # dockerd, debootstrap and chroot live there
log() { echo "prepare-test-docker: $*" >&2; }

needed=()
command -v dockerd >/dev/null || needed+=(docker.io)
command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || needed+=(debootstrap)
command -v sshpass >/dev/null || needed+=(sshpass)
command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || needed+=(openssh-client)
command -v openssl >/dev/null || needed+=(openssl)
if (( ${#needed[@]} )); then
    if [ "$(id -u)" != 0 ]; then
        log "missing ${needed[*]}; install them as root: apt-get install -y ${needed[*]}"
        exit 2
    fi
    log "installing ${needed[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
fi
if ! docker version >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
        log "no Docker daemon answers, and only root can start one"
        exit 2
    fi
    daemon_log=${TMPDIR:-/tmp}/p2pvps-test-dockerd.log
    # a daemon that was killed leaves its pid file, and a new one refuses to start beside it
    if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
        rm -f /var/run/docker.pid
    fi
    log "starting dockerd --bridge=none --iptables=false (log: $daemon_log)"
    setsid -f dockerd --bridge=none --iptables=false >"$daemon_log" 2>&1 </dev/null
    for _ in $(seq 1 60); do
        docker version >/dev/null 2>&1 && break
        sleep 0.5
    done
    docker version >/dev/null 2>&1 || { tail -20 "$daemon_log" >&2; log "dockerd did not come up in 30 s"; exit 1; }
fi
log "Docker $(docker version --format '{{.Server.Version}}') answers"

"$here/build-offline.sh" "${1:-p2pvps/device:bookworm}"
