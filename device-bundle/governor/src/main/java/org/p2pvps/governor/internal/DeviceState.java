package org.p2pvps.governor.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * What the device got from its registration, kept in {@code <data>/registration.properties} (0600) so
 * it never registers twice with the same server.
 *
 * @param server the API base it registered with
 * @param gatewayHostKeyFingerprint the gateway's host key fingerprint as the server told it at registration,
 *        {@code null} when it did not
 * @param gatewayHostKey the gateway's host key as an OpenSSH public key line, pinned on first connection;
 *        {@code null} until then
 */
record DeviceState(String server, String deviceId, String deviceToken, int tunnelPort, String subdomain,
        String gatewayHost, int gatewayPort, String gatewayHostKeyFingerprint, String gatewayHostKey) {

    static final String FILE = "registration.properties";

    DeviceState withGatewayHostKey(String key) {
        return new DeviceState(server, deviceId, deviceToken, tunnelPort, subdomain, gatewayHost, gatewayPort,
                gatewayHostKeyFingerprint, key);
    }

    /**
     * @param followKey whether to take the server's word for the gateway's host key (not when the owner configured
     *        one): a pinned key without the fingerprint named is dropped, so the next connection pins the new one
     * @return this registration with the gateway the server names now
     */
    DeviceState following(GatewayAddress named, boolean followKey) {
        String fingerprint = gatewayHostKeyFingerprint;
        String key = gatewayHostKey;
        if (followKey && named.hostKeyFingerprint() != null) { // none while the server runs no gateway: keep ours
            fingerprint = named.hostKeyFingerprint();
            if (key != null && !fingerprint.equals(GatewayHostKey.fingerprint(key))) {
                key = null;
            }
        }
        return new DeviceState(server, deviceId, deviceToken, tunnelPort, subdomain, named.host(), named.port(),
                fingerprint, key);
    }

    /**
     * What following the gateway the server names would change.
     *
     * @param followed this registration with it ({@link #following})
     * @param keyChanged whether the key to accept differs: a pinned key dropped, or, none pinned yet, another
     *        fingerprint required (recording the pinned key's own fingerprint is no change)
     * @param keyBound whether the gateway must still show a known key afterwards (one pinned, a fingerprint named,
     *        or the owner's {@code gateway.host.key}): then another address can reach no impostor
     */
    record GatewayChange(DeviceState followed, boolean keyChanged, boolean keyBound) {

        /**
         * @param movesTunnel whether the tunnel would dial another address
         * @return whether an impostor could get the tunnel by it: only on a trusted server's word
         */
        boolean redirects(boolean movesTunnel) {
            return keyChanged || movesTunnel && !keyBound;
        }
    }

    /**
     * @param followKey as for {@link #following}
     * @return what following the gateway the server names changes
     */
    GatewayChange change(GatewayAddress named, boolean followKey) {
        DeviceState followed = following(named, followKey);
        boolean keyChanged = !Objects.equals(gatewayHostKey, followed.gatewayHostKey)
                || followed.gatewayHostKey == null
                        && !Objects.equals(gatewayHostKeyFingerprint, followed.gatewayHostKeyFingerprint);
        boolean keyBound = !followKey || followed.gatewayHostKey != null || followed.gatewayHostKeyFingerprint != null;
        return new GatewayChange(followed, keyChanged, keyBound);
    }

    /** @return the saved state, or {@code null} when the device has not registered */
    static DeviceState load(Path dataDir) throws IOException {
        String text;
        try {
            text = Files.readString(dataDir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        try {
            return new DeviceState(need(p, "server"), need(p, "device.id"), need(p, "device.token"),
                    Integer.parseInt(need(p, "tunnel.port")), need(p, "subdomain"), need(p, "gateway.host"),
                    Integer.parseInt(need(p, "gateway.port")), p.getProperty("gateway.host.key.fingerprint"),
                    p.getProperty("gateway.host.key"));
        } catch (IllegalArgumentException e) {
            throw new IOException(dataDir.resolve(FILE) + " is damaged (" + e.getMessage()
                    + "); delete it and give the device a fresh registration token", e);
        }
    }

    void save(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("server", server);
        p.setProperty("device.id", deviceId);
        p.setProperty("device.token", deviceToken);
        p.setProperty("tunnel.port", Integer.toString(tunnelPort));
        p.setProperty("subdomain", subdomain);
        p.setProperty("gateway.host", gatewayHost);
        p.setProperty("gateway.port", Integer.toString(gatewayPort));
        if (gatewayHostKeyFingerprint != null) {
            p.setProperty("gateway.host.key.fingerprint", gatewayHostKeyFingerprint);
        }
        if (gatewayHostKey != null) {
            p.setProperty("gateway.host.key", gatewayHostKey);
        }
        StringWriter out = new StringWriter();
        p.store(out, "p2pvps device registration: keep private; delete to register again with a fresh token");
        PrivateFiles.write(dataDir.resolve(FILE), out.toString());
    }

    private static String need(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return v.trim();
    }

    @Override
    public String toString() {
        return "DeviceState[" + deviceId + "@" + server + ", port " + tunnelPort + ", " + subdomain + "]";
    }
}
