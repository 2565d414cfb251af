package org.p2pvps.governor.internal.localsshd;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.p2pvps.governor.container.ContainerDriver;
import org.p2pvps.governor.container.ContainerException;
import org.p2pvps.governor.container.ContainerStatus;
import org.p2pvps.governor.container.RenterEnvironment;
import org.p2pvps.governor.internal.GovernorConfig;
import org.p2pvps.governor.internal.GovernorPaths;
import org.p2pvps.governor.internal.SshdClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local-sshd} driver, for development and for machines without Docker: an embedded Apache SSHD
 * server on a loopback port, running while a rental is active, that lets the renter in with the rental's
 * password or keys and gives a {@code /bin/sh} in a scratch directory of its own.
 * <p>
 * <strong>Not isolated</strong>: the renter's commands run as the user running the device runtime, with
 * that user's rights on the whole machine. A reset stops the server and deletes the scratch directory;
 * files written elsewhere stay. A restart of the runtime keeps the running rental (its scratch directory and
 * login), as the docker driver keeps its container. Use the {@code docker} driver for anyone you do not trust.
 */
@Component(configurationPid = GovernorConfig.PID, property = ContainerDriver.DRIVER_PROPERTY + "=" + LocalSshdDriver.NAME)
public final class LocalSshdDriver implements ContainerDriver {

    static final String NAME = "local-sshd";
    private static final Logger LOG = LoggerFactory.getLogger(LocalSshdDriver.class);

    private final int port;
    private final Path hostKey;
    private final Path scratchRoot;
    /** The running rental's environment, so that a restart of the runtime takes the rental over. */
    private final Path rentalFile;
    private SshServer server;
    private RenterEnvironment running;
    private volatile ContainerStatus status = ContainerStatus.none();

    @Activate
    public LocalSshdDriver(BundleContext context, GovernorConfig config) {
        this(config.localsshd_port(), GovernorPaths.dataDir(context, config).resolve(NAME));
    }

    /** @param dir where its host key and the renters' scratch directories live */
    LocalSshdDriver(int port, Path dir) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("localsshd.port " + port + " is not a port");
        }
        this.port = port;
        this.hostKey = dir.resolve("host_key");
        this.scratchRoot = dir.resolve("rentals");
        this.rentalFile = dir.resolve("rental.properties");
        LOG.warn("local-sshd driver: renters get a shell on this machine as this user, NOT isolated; "
                + "for development only (use the docker driver otherwise)");
        takeOver();
    }

    /**
     * Starts again the rental that ran before the runtime stopped, its files intact, as the docker driver adopts its
     * container; the governor then keeps it if the server still wants that rental, and wipes it otherwise. Anything
     * else found is removed.
     */
    private void takeOver() {
        RenterEnvironment earlier = null;
        try {
            earlier = loadRental();
        } catch (IOException | RuntimeException e) {
            LOG.warn("local-sshd: cannot read {} ({}); not taking the earlier rental over", rentalFile, e.toString());
        }
        if (earlier != null && Files.isDirectory(scratch(earlier))) {
            try {
                start(earlier, false);
                LOG.info("local-sshd: took rental {} over from before the restart", earlier.rentalId());
            } catch (ContainerException e) {
                // reported as FAILED: the governor wipes and starts afresh only if that lasts (its FailureWatch)
                LOG.warn("local-sshd: cannot take rental {} over: {}", earlier.rentalId(), e.getMessage());
            }
            return;
        }
        try {
            reset();
        } catch (ContainerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public synchronized void start(RenterEnvironment environment) throws ContainerException {
        start(environment, true);
    }

    /** @param fresh whether to start from nothing (a new rental) or on the files found (a take-over) */
    private void start(RenterEnvironment environment, boolean fresh) throws ContainerException {
        if (fresh) {
            reset();
        }
        status = new ContainerStatus(ContainerStatus.State.STARTING, environment.rentalId(), null);
        Path scratch = scratch(environment);
        try {
            List<PublicKey> keys = parseKeys(environment.authorizedKeys());
            Files.createDirectories(scratch);
            Files.createDirectories(hostKey.getParent());
            SshServer s = SshServer.setUpDefaultServer();
            s.setHost("127.0.0.1");
            s.setPort(port);
            // one renter: two I/O threads, not cores + 1
            CoreModuleProperties.NIO_WORKERS.set(s, 2);
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKey);
            hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            s.setKeyPairProvider(hostKeys);
            String login = environment.login();
            String hash = environment.passwordHash();
            s.setPasswordAuthenticator((user, password, session) -> login.equals(user) && CryptPassword.matches(password, hash));
            s.setPublickeyAuthenticator((user, key, session) -> login.equals(user)
                    && keys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
            s.setKeyboardInteractiveAuthenticator(null);
            String dir = scratch.toAbsolutePath().toString();
            s.setShellFactory(new ProcessShellFactory("/bin/sh",
                    List.of("/bin/sh", "-c", "cd \"$0\" && HOME=\"$0\" exec /bin/sh -i", dir)));
            s.setCommandFactory((channel, command) -> new ProcessShellFactory(command,
                    List.of("/bin/sh", "-c", "cd \"$0\" && HOME=\"$0\" exec /bin/sh -c \"$1\"", dir, command)).createShell(channel));
            SshdClassLoader.run(s::start);
            server = s;
            running = environment;
            if (fresh) {
                saveRental(environment);
            }
            status = new ContainerStatus(ContainerStatus.State.RUNNING, environment.rentalId(),
                    "local shell on 127.0.0.1:" + port + " (not isolated)");
            LOG.info("local-sshd: rental {} for {} on 127.0.0.1:{}, files in {}", environment.rentalId(), login, port, scratch);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            status = new ContainerStatus(ContainerStatus.State.FAILED, environment.rentalId(), e.getMessage());
            try {
                if (fresh) {
                    deleteTree(scratch);
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new ContainerException("local-sshd could not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void reset() throws ContainerException {
        SshServer s = server;
        server = null;
        running = null;
        try {
            if (s != null) {
                s.stop(true);
            }
            Files.deleteIfExists(rentalFile);
            deleteTree(scratchRoot);
            status = ContainerStatus.none();
        } catch (IOException e) {
            status = new ContainerStatus(ContainerStatus.State.FAILED, null, "reset failed: " + e.getMessage());
            throw new ContainerException("local-sshd could not remove " + scratchRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized ContainerStatus status() {
        if (server != null && !server.isOpen() && status.state() == ContainerStatus.State.RUNNING) {
            status = new ContainerStatus(ContainerStatus.State.FAILED, running.rentalId(), "its SSH server stopped");
        }
        return status;
    }

    @Override
    public int sshPort() {
        return port;
    }

    /** A changed governor configuration keeps the running renter environment; a new port needs a restart. */
    @Modified
    void modified(GovernorConfig config) {
        if (config.localsshd_port() != port) {
            LOG.warn("localsshd.port changed to {}: restart the device runtime to apply it (still {})",
                    config.localsshd_port(), port);
        }
    }

    /** The runtime stops (or another driver is chosen): the renter's files stay for {@link #takeOver}. */
    @Deactivate
    synchronized void deactivate() {
        SshServer s = server;
        server = null;
        running = null;
        status = ContainerStatus.none();
        if (s != null) {
            try {
                s.stop(true);
            } catch (IOException e) {
                LOG.warn("local-sshd: stopping its SSH server: {}", e.toString());
            }
        }
    }

    private Path scratch(RenterEnvironment environment) {
        return scratchRoot.resolve(environment.rentalId().replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    private void saveRental(RenterEnvironment environment) throws IOException {
        Properties p = new Properties();
        p.setProperty("rental.id", environment.rentalId());
        p.setProperty("login", environment.login());
        p.setProperty("password.hash", environment.passwordHash());
        p.setProperty("authorized.keys", String.join("\n", environment.authorizedKeys()));
        if (environment.expiresAt() != null) {
            p.setProperty("expires.at", environment.expiresAt().toString());
        }
        StringWriter text = new StringWriter();
        p.store(text, "local-sshd: the running rental, taken over after a restart; keep private");
        GovernorPaths.writePrivate(rentalFile, text.toString());
    }

    /** @return the rental saved by {@link #saveRental}, {@code null} when there is none */
    private RenterEnvironment loadRental() throws IOException {
        if (!Files.exists(rentalFile)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(rentalFile)) {
            p.load(in);
        }
        String keys = p.getProperty("authorized.keys", "");
        String expires = p.getProperty("expires.at");
        return new RenterEnvironment(p.getProperty("rental.id"), p.getProperty("login"), p.getProperty("password.hash"),
                keys.isEmpty() ? List.of() : List.of(keys.split("\n")), expires == null ? null : Instant.parse(expires));
    }

    private static List<PublicKey> parseKeys(List<String> lines) throws IOException, GeneralSecurityException {
        List<PublicKey> keys = new ArrayList<>();
        for (String line : lines) {
            try {
                keys.add(AuthorizedKeyEntry.parseAuthorizedKeyEntry(line)
                        .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING));
            } catch (IllegalArgumentException e) {
                throw new IOException("a renter key is not an OpenSSH public key: " + e.getMessage(), e);
            }
        }
        return keys;
    }

    private static void deleteTree(Path dir) throws IOException {
        GovernorPaths.deleteTree(dir);
    }
}
