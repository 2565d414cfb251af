package org.p2pvps.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code ./p2pvps-server} as an operator uses it across a rebuild: the new distribution is unpacked, the server's
 * data (but not Karaf's bundle cache of the old build) and the operator's edits to {@code etc/} stay, Karaf's own writes to {@code etc/} do not pin old files. A
 * stand-in distribution (same layout, {@code bin/karaf} only says how it was started) keeps Karaf out of it.
 */
public class ServerScriptIT {

    private static final String VERSION = "1.0-TEST";
    private static final String JETTY_XML = "<Configure id=\"Server\"/>\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aRebuildKeepsTheDataAndTheOperatorsEditsToEtc() throws Exception {
        Path checkout = checkoutWithABuild();

        Commands.Result first = run(checkout);
        assertTrue(first.toString(), first.stdout().contains("REST API on http://127.0.0.1:8181/api/v1"));
        assertTrue(first.toString(), first.stdout().contains("stand-in karaf: server"));

        Path home = checkout.resolve("run/p2pvps-server");
        Files.createDirectories(home.resolve("data/mongo"));
        Files.writeString(home.resolve("data/mongo/p2pvps.mv"), "the owners' devices");
        Files.createDirectories(home.resolve("data/cache/bundle42"));
        Files.writeString(home.resolve("data/cache/bundle42/bundle.jar"), "the old build's bundle");
        Files.writeString(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 18181\n");
        Files.writeString(home.resolve("etc/host.key"), "the shell's host key");
        // what a feature installs (a <configfile>), as it installed it: Karaf's, not the operator's
        Files.writeString(home.resolve("etc/jetty.xml"), JETTY_XML);
        // what Karaf itself writes on its first start: not an edit of the operator's
        Files.writeString(home.resolve("etc/config.properties"), "#\n# Generated command shutdown\n#\n"
                + "karaf.shutdown.command = 1234\n\n", java.nio.file.StandardOpenOption.APPEND);

        pack(checkout);
        Commands.Result rebuilt = run(checkout);

        assertEquals(rebuilt.toString(), "the owners' devices", Files.readString(home.resolve("data/mongo/p2pvps.mv")));
        assertFalse("the old data/ must not end up inside the new one", Files.exists(home.resolve("data/data")));
        assertFalse("Karaf's bundle cache would start the old build's bundles", Files.exists(home.resolve("data/cache")));
        assertEquals("org.osgi.service.http.port = 18181\n", Files.readString(home.resolve("etc/org.ops4j.pax.web.cfg")));
        assertEquals("the shell's host key", Files.readString(home.resolve("etc/host.key")));
        assertEquals("config.properties comes from the new distribution", "karaf.startlevel = 100\n",
                Files.readString(home.resolve("etc/config.properties")));
        assertTrue(rebuilt.toString(), rebuilt.stdout().contains("REST API on http://127.0.0.1:18181/api/v1"));
        assertTrue(rebuilt.toString(), rebuilt.stdout().contains("keeping your etc/org.ops4j.pax.web.cfg"));
        assertFalse(rebuilt.toString(), rebuilt.stdout().contains("config.properties"));
        assertFalse(rebuilt.toString(), rebuilt.stdout().contains("jetty.xml"));
    }

    /** A build that brings etc/jetty.xml: an HTTP port the operator set stays, and the kept cfg reads jetty.xml. */
    @Test
    public void aKeptPaxWebCfgIsMadeToReadTheBuildsJettyXml() throws Exception {
        Path checkout = checkoutWithABuild();
        run(checkout);
        Path home = checkout.resolve("run/p2pvps-server");
        Files.writeString(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 18181\n");
        Path newEtc = checkout.resolve("staging/p2pvps-server-" + VERSION + "/etc");
        Files.writeString(newEtc.resolve("jetty.xml"), "<Configure id=\"Server\"><!-- ours --></Configure>\n");
        Files.writeString(newEtc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 8181\n"
                + "org.ops4j.pax.web.config.file = ${karaf.etc}/jetty.xml\n");
        pack(checkout);

        Commands.Result rebuilt = run(checkout);

        String kept = Files.readString(home.resolve("etc/org.ops4j.pax.web.cfg"));
        assertTrue(kept, kept.startsWith("org.osgi.service.http.port = 18181\n"));
        assertTrue(kept, kept.contains("\norg.ops4j.pax.web.config.file = ${karaf.etc}/jetty.xml\n"));
        assertTrue(rebuilt.toString(), rebuilt.stdout().contains("added org.ops4j.pax.web.config.file"));
        assertTrue(rebuilt.toString(), rebuilt.stdout().contains("REST API on http://127.0.0.1:18181/api/v1"));

        pack(checkout);
        Commands.Result again = run(checkout);
        assertEquals("added once", kept, Files.readString(home.resolve("etc/org.ops4j.pax.web.cfg")));
        assertFalse(again.toString(), again.stdout().contains("added org.ops4j.pax.web.config.file"));
    }

    @Test
    public void aRebuildThatFailsBeforeTheSwapChangesNothing() throws Exception {
        Path checkout = checkoutWithABuild();
        run(checkout);
        Path home = checkout.resolve("run/p2pvps-server");
        Files.writeString(Files.createDirectories(home.resolve("data/mongo")).resolve("p2pvps.mv"), "the owners' devices");
        // the operator added etc/extra/ and the new build brings a file etc/extra: keeping the operator's fails
        Files.writeString(Files.createDirectories(home.resolve("etc/extra")).resolve("mine.cfg"), "a = 1\n");
        Files.writeString(checkout.resolve("staging/p2pvps-server-" + VERSION + "/etc/extra"), "b = 2\n");
        pack(checkout);

        Commands.Result failed = Commands.run(List.of("bash", checkout.resolve("p2pvps-server").toString()), Map.of());

        assertTrue(failed.toString(), failed.exit() != 0);
        assertEquals(failed.toString(), "the owners' devices", Files.readString(home.resolve("data/mongo/p2pvps.mv")));
        assertEquals("no staging folder left", List.of("p2pvps-server"), runFolder(checkout));
        Files.delete(home.resolve("etc/extra/mine.cfg"));
        Files.delete(home.resolve("etc/extra"));
        Commands.Result next = run(checkout);
        assertEquals(next.toString(), "the owners' devices", Files.readString(home.resolve("data/mongo/p2pvps.mv")));
    }

    @Test
    public void aSecondStartWhileTheServerRunsIsRefusedAndSaysHowToReachIt() throws Exception {
        Path checkout = checkoutWithABuild();
        run(checkout);
        // the same build as the one unpacked: no rebuild, a plain second start
        Files.setLastModifiedTime(checkout.resolve("karaf-assembly/target/p2pvps-server-" + VERSION + ".tar.gz"),
                FileTime.from(Instant.now().minusSeconds(60)));
        executable(checkout.resolve("run/p2pvps-server/bin/status"), "echo Running ...\n");

        Commands.Result second = Commands.run(List.of("bash", checkout.resolve("p2pvps-server").toString()), Map.of());

        assertEquals(second.toString(), 1, second.exit());
        assertTrue(second.toString(), second.stderr().contains("is already running; stop it with"));
        assertFalse("Karaf must not be started twice: " + second, second.stdout().contains("stand-in karaf"));
        assertFalse(second.toString(), second.stdout().contains("REST API on"));
    }

    @Test
    public void withoutJavaHomeKarafIsGivenTheJdkOfTheJavaOnThePath() throws Exception {
        Path checkout = checkoutWithABuild();
        Path jdk = tmp.newFolder("jdk").toPath();
        Path java = executable(Files.createDirectories(jdk.resolve("bin")).resolve("java"), "echo a JDK's java\n");
        Path path = tmp.newFolder("path").toPath();
        Files.createSymbolicLink(path.resolve("java"), java); // as Debian's alternatives link java into /usr/bin

        Commands.Result started = startWithout(checkout, path);

        assertTrue(started.toString(), started.stdout().contains("JAVA_HOME=" + jdk.toRealPath() + "\n"));
    }

    @Test
    public void aJavaShimOnThePathLeavesJavaHomeToKaraf() throws Exception {
        Path checkout = checkoutWithABuild();
        Path shims = Files.createDirectories(tmp.newFolder("manager").toPath().resolve("shims"));
        executable(shims.resolve("java"), "echo a shim\n"); // a version manager's: no JDK around it

        Commands.Result started = startWithout(checkout, shims);

        assertTrue(started.toString(), started.stdout().contains("JAVA_HOME=\n"));
    }

    /** Starts with {@code javaDir} first on the PATH and no JAVA_HOME; Karaf (a stand-in) says which it got. */
    private static Commands.Result startWithout(Path checkout, Path javaDir) throws Exception {
        Commands.Result started = Commands.run(List.of("bash", checkout.resolve("p2pvps-server").toString()),
                Map.of("JAVA_HOME", "", "PATH", javaDir + ":" + System.getenv("PATH")));
        assertEquals(started.toString(), 0, started.exit());
        return started;
    }

    private static Path executable(Path file, String script) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /**
     * The swap moves data/ into the new unpack (mv 1), the old unpack aside (mv 2), the new one into place (mv 3).
     * A stand-in mv fails one of them, or is stopped by a TERM right after it: the data and the old unpack must be
     * back where the next start finds them.
     */
    @Test
    public void aRebuildStoppedDuringTheSwapPutsTheDataBack() throws Exception {
        for (String stop : List.of("fail 1", "term 1", "fail 2", "term 2", "fail 3")) {
            Path checkout = checkoutWithABuild();
            run(checkout);
            Path home = checkout.resolve("run/p2pvps-server");
            Files.writeString(Files.createDirectories(home.resolve("data/mongo")).resolve("p2pvps.mv"), "the devices");
            pack(checkout);

            Commands.Result stopped = Commands.run(List.of("bash", checkout.resolve("p2pvps-server").toString()),
                    standInMv(checkout, stop));

            assertTrue(stop + ": " + stopped, stopped.exit() != 0);
            assertEquals(stop + ": " + stopped, "the devices", Files.readString(home.resolve("data/mongo/p2pvps.mv")));
            assertTrue(stop + ": " + stopped, Files.isExecutable(home.resolve("bin/karaf")));
            assertEquals(stop + ": " + stopped, List.of("p2pvps-server"), runFolder(checkout));
            Commands.Result next = run(checkout);
            assertEquals(stop + ": " + next, "the devices", Files.readString(home.resolve("data/mongo/p2pvps.mv")));
        }
    }

    /** An environment whose mv fails its n-th call ("fail n") or sends its caller a TERM after it ("term n"). */
    private static Map<String, String> standInMv(Path checkout, String stop) throws Exception {
        Path bin = Files.createDirectories(checkout.resolve("stand-in-bin"));
        executable(bin.resolve("mv"),
                "n=$(( $(cat \"$MV_CALLS\" 2>/dev/null || echo 0) + 1 )); echo $n > \"$MV_CALLS\"\n"
                + "[ \"fail $n\" = \"$MV_STOP\" ] && exit 1\n"
                + "/bin/mv \"$@\"; rc=$?\n"
                + "[ \"term $n\" = \"$MV_STOP\" ] && kill -TERM $PPID\n"
                + "exit $rc\n");
        return Map.of("PATH", bin + ":" + System.getenv("PATH"), "MV_CALLS", checkout.resolve("mv-calls").toString(),
                "MV_STOP", stop);
    }

    private static List<String> runFolder(Path checkout) throws Exception {
        try (var entries = Files.list(checkout.resolve("run"))) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    /** A checkout holding the script, a pom.xml with the version and a built (stand-in) distribution. */
    private Path checkoutWithABuild() throws Exception {
        Path checkout = tmp.newFolder().toPath();
        Files.copy(Path.of(System.getProperty("p2pvps.server.script")), checkout.resolve("p2pvps-server"));
        Files.writeString(checkout.resolve("pom.xml"), "<project>\n  <version>" + VERSION + "</version>\n</project>\n");
        distribution(checkout);
        return checkout;
    }

    /** A distribution tar.gz laid out as karaf-assembly builds it, data/tmp/README included. */
    private static Path distribution(Path checkout) throws Exception {
        Path staging = Files.createDirectories(checkout.resolve("staging/p2pvps-server-" + VERSION));
        executable(Files.createDirectories(staging.resolve("bin")).resolve("karaf"),
                "echo \"stand-in karaf: $*\"\necho \"JAVA_HOME=$JAVA_HOME\"\n");
        Path etc = Files.createDirectories(staging.resolve("etc"));
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 8181\n");
        Files.writeString(etc.resolve("config.properties"), "karaf.startlevel = 100\n");
        Files.writeString(etc.resolve("users.properties"), "#karaf = karaf,_g_:admingroup\n");
        Files.writeString(Files.createDirectories(staging.resolve("data/tmp")).resolve("README"), "Karaf's tmp\n");
        Path feature = Files.createDirectories(staging.resolve("system/org/example/web/1.0"));
        Files.writeString(feature.resolve("web-1.0-features.xml"), "<features>\n  <feature name=\"web\">\n"
                + "    <configfile finalname=\"${karaf.etc}/jetty.xml\">\n      mvn:org.example/web/1.0/xml/config-jetty\n"
                + "    </configfile>\n  </feature>\n</features>\n");
        Files.writeString(feature.resolve("web-1.0-config-jetty.xml"), JETTY_XML);
        return pack(checkout);
    }

    /** Packs the stand-in distribution's staging folder again, as a new build, newer than the unpacked one. */
    private static Path pack(Path checkout) throws Exception {
        Path staging = checkout.resolve("staging/p2pvps-server-" + VERSION);
        Path tar = Files.createDirectories(checkout.resolve("karaf-assembly/target"))
                .resolve("p2pvps-server-" + VERSION + ".tar.gz");
        Commands.Result packed = Commands.run(List.of("tar", "-czf", tar.toString(), "-C",
                staging.getParent().toString(), staging.getFileName().toString()), Map.of());
        assertEquals(packed.toString(), 0, packed.exit());
        Files.setLastModifiedTime(tar, FileTime.from(Instant.now().plusSeconds(60)));
        return tar;
    }

    private static Commands.Result run(Path checkout) throws Exception {
        Commands.Result result = Commands.run(List.of("bash", checkout.resolve("p2pvps-server").toString()), Map.of());
        assertEquals(result.toString(), 0, result.exit());
        return result;
    }
}
