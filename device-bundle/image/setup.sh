#!/bin/sh
# Turns a Debian bookworm with openssh-server and tini installed into the p2pvps device image.
# Runs inside it: from the Dockerfile, and in the debootstrap folder of build-offline.sh.
set -eu

# host keys are generated when a container starts, so no two containers share them
rm -f /etc/ssh/ssh_host_*
# where a container may not set the audit login uid (user namespaces, some kernels), a required
# pam_loginuid makes sshd refuse every session; the renter loses nothing without it
sed -i 's/^\(session\s\+\)required\(\s\+pam_loginuid.so\)/\1optional\2/' /etc/pam.d/sshd
install -d -m 700 /etc/p2pvps/renter
install -m 755 /tmp/p2pvps-entrypoint.sh /usr/local/sbin/p2pvps-entrypoint
rm -f /tmp/p2pvps-entrypoint.sh

# documentation, manuals and translations are not installed (copyright files are), as in debian:*-slim
cat > /etc/dpkg/dpkg.cfg.d/p2pvps-slim <<'CONF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
CONF
find /usr/share/doc -mindepth 1 ! -name copyright ! -type d -delete
find /usr/share/doc -mindepth 1 -type d -empty -delete
rm -rf /usr/share/man/* /usr/share/info/* /usr/share/locale/*

apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt/* /var/log/dpkg.log /var/log/alternatives.log
