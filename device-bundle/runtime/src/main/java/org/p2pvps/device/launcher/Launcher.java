package org.p2pvps.device.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the device runtime: an OSGi framework (Apache Felix) configured from
 * {@code conf/framework.properties}, with every jar in {@code bundle/} installed and started, in the
 * foreground until the JVM is told to stop. It says plainly which bundles run and which could not
 * resolve, and why.
 *
 * <p>The framework's bundle cache ({@code data/cache}) is kept from one start to the next only when the last run
 * stopped cleanly and {@code bundle/}, {@code lib/} and {@code conf/} are unchanged since it started; otherwise it
 * is rebuilt from {@code bundle/}. Configuration is not kept in it: Config Admin holds it in memory only, filled
 * from {@code etc/} by File Install on every start.
 * A kept cache spares copying every jar again and lets SCR read its component metadata from its own cache instead
 * of parsing the components' XML (which loads the JDK's XML parser for good); a rebuilt one survives a power cut
 * or an upgrade ("replace bundle/ and restart").
 */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    /** Written on a clean stop: which {@code bundle/}, {@code lib/} and {@code conf/} the kept cache was built from. */
    static final String CACHE_MARK = "data/bundle-cache.ok";
    /**
     * Written on a clean stop: the token {@code bin/p2pvps-device} gave this start ({@value #ARCHIVE_START}) when it
     * used or wrote a class-data archive; the script keeps the archive only when the last start's token comes back.
     */
    static final String ARCHIVE_STOPPED = "data/cds/stopped";
    static final String ARCHIVE_START = "p2pvps.cds.start";

    /** A running framework and the files it was started from ({@link #cacheSources}). */
    record Started(Framework framework, String cacheSources) {
    }

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("p2pvps.home", ".")).toAbsolutePath().normalize();
        Path pidFile = home.resolve("data/runtime.pid");
        Optional<SingleRuntime> only = SingleRuntime.acquire(home.resolve("data"));
        if (only.isEmpty()) {
            LOG.error("Another device runtime already runs in {} (pid {}): stop that one first", home, pid(pidFile));
            System.exit(1);
        }
        // at once, not after the start (seconds on a small board): a second start and status see this runtime
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        Started started;
        try {
            started = start(home);
        } catch (Throwable e) { // an Error too: no pid of a runtime that did not start stays behind
            Files.deleteIfExists(pidFile);
            throw e;
        }
        Framework framework = started.framework();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the device runtime");
            try {
                framework.stop();
                if (framework.waitForStop(30_000).getType() == FrameworkEvent.STOPPED) {
                    Files.writeString(home.resolve(CACHE_MARK), started.cacheSources());
                    String archiveStart = System.getProperty(ARCHIVE_START);
                    Path archiveStopped = home.resolve(ARCHIVE_STOPPED);
                    if (archiveStart != null && Files.isDirectory(archiveStopped.getParent())) {
                        Files.writeString(archiveStopped, archiveStart);
                    }
                }
                Files.deleteIfExists(pidFile);
                only.get().close();
            } catch (BundleException | IOException e) {
                LOG.error("Stopping the framework failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "p2pvps-shutdown"));
        FrameworkEvent stopped = framework.waitForStop(0);
        if (stopped.getType() == FrameworkEvent.ERROR) {
            LOG.error("The framework stopped with an error", stopped.getThrowable());
            System.exit(1);
        }
    }

    private static String pid(Path pidFile) {
        try {
            return Files.readString(pidFile).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Starts the framework and the bundles of {@code home}; returns it running. */
    static Started start(Path home) throws IOException, BundleException {
        Map<String, String> properties = frameworkProperties(home);
        Files.createDirectories(home.resolve("data"));
        List<Path> jars = files(home.resolve("bundle"), "*.jar");
        List<Path> code = new ArrayList<>(jars);
        code.addAll(files(home.resolve("lib"), "*.jar"));
        code.addAll(files(home.resolve("conf"), "*"));
        String cacheSources = cacheSources(code);
        boolean keep = keepCache(home, cacheSources);
        if (System.getProperty(Constants.FRAMEWORK_STORAGE_CLEAN) == null) {
            properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, keep ? "none" : Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        LOG.info(keep ? "Bundle cache kept from the last clean stop" : "Bundle cache rebuilt from bundle/");
        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).iterator();
        if (!factories.hasNext()) {
            throw new IllegalStateException("no OSGi framework on the class path (lib/)");
        }
        Framework framework = factories.next().newFramework(properties);
        framework.init();
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            // a kept cache already holds the bundle of this location: installing it again returns that bundle
            bundles.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
        }
        framework.start();
        List<String> failed = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                failed.add(bundle.getSymbolicName());
                LOG.error("Bundle {} {} did not start: {}", bundle.getSymbolicName(), bundle.getVersion(), e.getMessage());
            }
        }
        List<String> active = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getState() == Bundle.ACTIVE) {
                active.add(bundle.getSymbolicName() + " " + bundle.getVersion());
            } else if (!failed.contains(bundle.getSymbolicName()) && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                failed.add(bundle.getSymbolicName());
                LOG.error("Bundle {} is not active (state {})", bundle.getSymbolicName(), bundle.getState());
            }
        }
        if (failed.isEmpty()) {
            LOG.info("All {} bundles resolved and active: {}", active.size(), String.join(", ", active));
        } else {
            LOG.error("{} of {} bundles are not active: {}", failed.size(), bundles.size(), String.join(", ", failed));
        }
        return new Started(framework, cacheSources);
    }

    /**
     * What identifies the code and framework settings a cache was built from ({@code bundle/}, {@code lib/},
     * {@code conf/}): each file's folder, name, size and modification time.
     */
    static String cacheSources(List<Path> files) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path file : files) {
            sb.append(file.getParent().getFileName()).append('/').append(file.getFileName()).append(' ')
                    .append(Files.size(file)).append(' ').append(Files.getLastModifiedTime(file).toMillis()).append('\n');
        }
        return sb.toString();
    }

    /** The regular files of {@code dir} matching {@code glob}, sorted by name. */
    private static List<Path> files(Path dir, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, glob)) {
            found.forEach(file -> {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            });
        }
        files.sort(null);
        return files;
    }

    /**
     * Whether the cache holds exactly {@code cacheSources} from a clean stop; the mark goes either way, so a run that
     * does not stop cleanly (crash, power cut, kill -9) leaves none and the next start rebuilds the cache.
     */
    static boolean keepCache(Path home, String cacheSources) throws IOException {
        Path mark = home.resolve(CACHE_MARK);
        boolean keep = Files.isRegularFile(mark) && Files.readString(mark).equals(cacheSources)
                && Files.isDirectory(home.resolve("data/cache"));
        Files.deleteIfExists(mark);
        return keep;
    }

    /** {@code conf/framework.properties} with {@code ${name}} replaced by system properties ({@code p2pvps.home} always set). */
    static Map<String, String> frameworkProperties(Path home) throws IOException {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("conf/framework.properties"))) {
            file.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> values = new HashMap<>();
        for (String name : file.stringPropertyNames()) {
            values.put(name, substitute(file.getProperty(name), home));
        }
        // any -Dorg.osgi... / -Dfelix... on the command line wins
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("org.osgi.") || name.startsWith("felix.") || name.startsWith("p2pvps.")) {
                values.put(name, System.getProperty(name));
            }
        }
        return values;
    }

    static String substitute(String value, Path home) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = name.equals("p2pvps.home") ? home.toString() : System.getProperty(name, m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
