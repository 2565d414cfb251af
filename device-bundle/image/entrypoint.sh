#!/bin/sh
# p2pvps device image entrypoint: creates the renter's user, configures sshd, runs it in the foreground.
#
# The renter comes from files in /etc/p2pvps/renter/ (what the docker driver copies in before the
# container starts, so no secret shows in `docker inspect`), or else from environment variables:
#   login            P2PVPS_LOGIN            Linux user name
#   password_hash    P2PVPS_PASSWORD_HASH    crypt(3) hash, as `openssl passwd -6` prints it (optional)
#   authorized_keys  P2PVPS_AUTHORIZED_KEYS  OpenSSH public keys, one a line (optional)
# At least a hash or a key is needed. sshd listens on P2PVPS_SSH_LISTEN (default 0.0.0.0) port
# P2PVPS_SSH_PORT (default 22). Running it again (a restarted container) applies the same settings.
set -eu

renter=/etc/p2pvps/renter

setting() {
    if [ -f "$renter/$1" ]; then cat "$renter/$1"; else printf '%s' "$2"; fi
}

fail() {
    echo "p2pvps-entrypoint: $*" >&2
    exit 64
}

login=$(setting login "${P2PVPS_LOGIN:-}")
hash=$(setting password_hash "${P2PVPS_PASSWORD_HASH:-}")
keys=$(setting authorized_keys "${P2PVPS_AUTHORIZED_KEYS:-}")
port=${P2PVPS_SSH_PORT:-22}
listen=${P2PVPS_SSH_LISTEN:-0.0.0.0}

# patterns, not grep: a value with a newline in it must not pass because one of its lines does
case "$login" in
    '' | [!a-z_]* | *[!a-z0-9_-]*) fail "login '$login' is not a valid Linux user name (a-z, 0-9, _ and -)" ;;
    root | daemon | bin | sys | sync | games | man | lp | mail | news | uucp | proxy | www-data | backup | list \
        | irc | nobody | sshd | _apt) fail "login '$login' is a system account" ;;
esac
[ ${#login} -le 32 ] || fail "login '$login' is longer than 32 characters"
case "$hash" in *[!A-Za-z0-9./\$=,]*) fail "the password hash is not a crypt(3) hash" ;; esac
[ -n "$hash" ] || [ -n "$keys" ] || fail "the renter has neither a password hash nor an authorized key"
case "$port" in '' | *[!0-9]*) fail "P2PVPS_SSH_PORT '$port' is not a port number" ;; esac

# /home is the rental's own volume: empty on the first start, the renter's files on a restart
if ! id -u "$login" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash --user-group "$login"
fi
if [ -n "$hash" ]; then
    printf '%s:%s\n' "$login" "$hash" | chpasswd -e
    password_auth=yes
else
    usermod -p '*' "$login"   # no password accepted, but not locked: keys still work
    password_auth=no
fi
home=$(getent passwd "$login" | cut -d: -f6)
install -d -m 700 -o "$login" -g "$login" "$home/.ssh"
printf '%s\n' "$keys" | grep -v '^[[:space:]]*$' > "$home/.ssh/authorized_keys" || true
chown "$login:$login" "$home/.ssh/authorized_keys"
chmod 600 "$home/.ssh/authorized_keys"

# sshd takes the first value it reads, and Debian's sshd_config includes this folder first
cat > /etc/ssh/sshd_config.d/p2pvps.conf <<CONF
Port $port
ListenAddress $listen
PermitRootLogin no
AllowUsers $login
PasswordAuthentication $password_auth
KbdInteractiveAuthentication no
PubkeyAuthentication yes
X11Forwarding no
PrintMotd no
HostKey /etc/ssh/ssh_host_ed25519_key
HostKey /etc/ssh/ssh_host_ecdsa_key
CONF

# host keys are made per container, never baked into the image; no RSA: slow to make on a small board,
# and every OpenSSH client of the last ten years takes Ed25519
for type in ed25519 ecdsa; do
    [ -f "/etc/ssh/ssh_host_${type}_key" ] || ssh-keygen -q -t "$type" -N '' -f "/etc/ssh/ssh_host_${type}_key"
done
mkdir -p /run/sshd
echo "p2pvps-entrypoint: renter $login, sshd on $listen port $port (password login: $password_auth)" >&2
exec /usr/sbin/sshd -D -e
