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
 */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("p2pvps.home", ".")).toAbsolutePath().normalize();
        Framework framework = start(home);
        Path pidFile = home.resolve("data/runtime.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the device runtime");
            try {
                framework.stop();
                framework.waitForStop(30_000);
                Files.deleteIfExists(pidFile);
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

    /** Starts the framework and the bundles of {@code home}; returns it running. */
    static Framework start(Path home) throws IOException, BundleException {
        Map<String, String> properties = frameworkProperties(home);
        Files.createDirectories(home.resolve("data"));
        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).iterator();
        if (!factories.hasNext()) {
            throw new IllegalStateException("no OSGi framework on the class path (lib/)");
        }
        Framework framework = factories.next().newFramework(properties);
        framework.init();
        List<Bundle> bundles = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(home.resolve("bundle"), "*.jar")) {
            List<Path> sorted = new ArrayList<>();
            jars.forEach(sorted::add);
            sorted.sort(null);
            for (Path jar : sorted) {
                bundles.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
            }
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
        return framework;
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
