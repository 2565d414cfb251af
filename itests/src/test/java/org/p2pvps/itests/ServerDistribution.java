package org.p2pvps.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Pax Exam set-up shared by every integration test: the p2pvps server tar.gz this build produced,
 * with every listening port moved to a free loopback port so tests never clash with a running server.
 * All test classes return the same options, so one Karaf boot serves the whole suite (PerSuite).
 */
final class ServerDistribution {

    static final String HTTP_PORT_PROPERTY = "p2pvps.itest.http.port";
    static final String GATEWAY_PORT_PROPERTY = "p2pvps.itest.gateway.port";
    /** The device runtime tar.gz this build produced (device-bundle/runtime), for tests that run a real device. */
    static final String DEVICE_DISTRIBUTION_PROPERTY = "p2pvps.device.distribution";
    /** device-bundle/image: the device image's offline build and the script that makes Docker ready for tests. */
    static final String DEVICE_IMAGE_DIR_PROPERTY = "p2pvps.device.image.dir";
    /** Whether the build runs under CI=true, where a missing Docker fails rather than skips (Karaf's JVM gets no env). */
    static final String CI_PROPERTY = "p2pvps.itest.ci";

    private ServerDistribution() {
    }

    static Option[] options() {
        File distribution = new File(System.getProperty("p2pvps.distribution"));
        if (!distribution.isFile()) {
            throw new IllegalStateException("server distribution not built: " + distribution
                    + " (run ./mvnw install, which builds karaf-assembly before itests)");
        }
        String httpPort = String.valueOf(freePort());
        String gatewayPort = String.valueOf(freePort());
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl("file:" + distribution.getAbsolutePath())
                    .name("p2pvps server")
                    .unpackDirectory(new File(System.getProperty("project.build.directory"), "exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses", "127.0.0.1"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1"),
            // a cheap bcrypt cost keeps owner sign-ups fast; the production default is 12
            editConfigurationFilePut("etc/org.p2pvps.registry.cfg", "password.hash.cost", "4"),
            // rentals made due by a test end within a second
            editConfigurationFilePut("etc/org.p2pvps.registry.cfg", "rental.sweep.interval.seconds", "1"),
            // a short interval for devices without the check-in request; the end-to-end device overrides it with 300 s
            editConfigurationFilePut("etc/org.p2pvps.registry.cfg", "heartbeat.interval.seconds", "2"),
            editConfigurationFilePut("etc/org.p2pvps.registry.cfg", "online.window.seconds", "10"),
            // what the registry tells registering devices: the gateway below
            editConfigurationFilePut("etc/org.p2pvps.registry.cfg", "gateway.host", "127.0.0.1"),
            editConfigurationFilePut("etc/org.p2pvps.registry.cfg", "gateway.port", gatewayPort),
            // the SSH gateway and the devices' tunnel ports on loopback only
            editConfigurationFilePut("etc/org.p2pvps.sshgateway.cfg", "listen.address", "127.0.0.1"),
            editConfigurationFilePut("etc/org.p2pvps.sshgateway.cfg", "listen.port", gatewayPort),
            editConfigurationFilePut("etc/org.p2pvps.sshgateway.cfg", "renter.bind.address", "127.0.0.1"),
            systemProperty(HTTP_PORT_PROPERTY).value(httpPort),
            systemProperty(GATEWAY_PORT_PROPERTY).value(gatewayPort),
            systemProperty(DEVICE_DISTRIBUTION_PROPERTY).value(System.getProperty(DEVICE_DISTRIBUTION_PROPERTY, "")),
            systemProperty(DEVICE_IMAGE_DIR_PROPERTY).value(System.getProperty(DEVICE_IMAGE_DIR_PROPERTY, "")),
            systemProperty(CI_PROPERTY).value(String.valueOf("true".equals(System.getenv("CI")))),
        };
    }

    /** @return a loopback port free now */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
