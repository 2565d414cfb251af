package org.p2pvps.sshgateway.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.p2pvps.device.Device;
import org.p2pvps.device.Hardware;
import org.p2pvps.sshgateway.internal.cipher.ChaCha20Poly1305Choice;

/**
 * The gateway on its own, for bench/ssh-gateway: {@code BenchGateway <port> <publicKeyFile> <devices>
 * <firstTunnelPort>} registers devices {@code bench-0..n-1} with that key and consecutive tunnel ports.
 * Reads commands on stdin: {@code heap} prints the heap in use after a GC, {@code tunnels} the tunnel count,
 * {@code jit} the JIT compilers' time so far in milliseconds (to tell warm-up from per-byte cost).
 */
public final class BenchGateway {

    private BenchGateway() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String publicKey = Files.readString(Path.of(args[1])).trim();
        int count = Integer.parseInt(args[2]);
        int firstTunnelPort = Integer.parseInt(args[3]);
        String fingerprint = KeyUtils.getFingerPrint(AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicKey)
                .resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
        Map<String, Device> devices = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            devices.put("bench-" + i, new Device("bench-" + i, "owner", "bench", "", "USD", Map.of(),
                    new Hardware("x", 1, 1, 1, "amd64"), publicKey, fingerprint, firstTunnelPort + i, "b" + i,
                    Instant.now(), Instant.now(), Instant.now()));
        }
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                "listen.address", "127.0.0.1", "listen.port", port, "renter.bind.address", "127.0.0.1",
                "host.key.file", Files.createTempDirectory("bench-gw").resolve("host_key").toString(),
                "max.unauthenticated", 256));
        for (String setting : System.getProperty("gateway.config", "").split(",")) {
            if (setting.contains("=")) {
                String[] kv = setting.split("=", 2);
                String value = kv[1].trim();
                config.put(kv[0].trim(), value.matches("true|false") ? Boolean.valueOf(value) : Integer.valueOf(value));
            }
        }
        Gateway gateway = new Gateway(GatewayOptions.from(TestConfig.of(config), Path.of(".")),
                id -> Optional.ofNullable(devices.get(id)), Optional::empty, Renters.NONE,
                new ChaCha20Poly1305Choice());
        gateway.start();
        System.out.println("READY " + gateway.port());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            switch (line.trim()) {
                case "heap" -> {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                    }
                    Runtime runtime = Runtime.getRuntime();
                    System.out.println("HEAP " + (runtime.totalMemory() - runtime.freeMemory()));
                }
                case "tunnels" -> System.out.println("TUNNELS " + gateway.tunnels().size());
                case "jit" -> System.out.println("JIT " + ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
                default -> System.out.println("?");
            }
        }
        gateway.stop();
    }
}
