package org.p2pvps.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the programs a device owner or a renter would run (tar, ssh, docker), from inside the Karaf container. */
final class Commands {

    private static final long TIMEOUT_SECONDS = 60;

    record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + ", stdout [" + stdout + "], stderr [" + stderr + "]";
        }
    }

    private Commands() {
    }

    /** Runs a command to its end (at most a minute, else it and its children are killed) with stdin from /dev/null. */
    static Result run(List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("p2pvps-itest-cmd", ".out");
        Path err = Files.createTempFile("p2pvps-itest-cmd", ".err");
        try {
            // files, not pipes: a hung command, or a child holding the pipe open (ssh -J's proxy), cannot block us
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean finished = false;
            try {
                finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } finally {
                if (!finished) {
                    killWithDescendants(process);
                }
            }
            if (!finished) {
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS
                        + "s; killed it and its child processes. Captured: stdout [" + captured(out)
                        + "], stderr [" + captured(err) + "]");
            }
            return new Result(process.exitValue(), captured(out), captured(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Lenient about bytes that are not UTF-8: what a command printed must never be the reason a test fails. */
    private static String captured(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** Children first, listed while the parent lives: once it is gone they are no longer its descendants. */
    private static void killWithDescendants(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static Result run(String... command) throws Exception {
        return run(List.of(command), Map.of());
    }

    static void requireTool(String tool, String versionFlag) {
        try {
            Process process = new ProcessBuilder(tool, versionFlag).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new AssertionError("'" + tool + "' is needed on this machine for the renter's side of the test "
                    + "(apt-get install -y sshpass openssh-client): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
