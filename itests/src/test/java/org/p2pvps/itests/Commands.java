package org.p2pvps.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** Runs a command to its end (at most a minute) with stdin from /dev/null. */
    static Result run(List<String> command, Map<String, String> env) throws Exception {
        File err = File.createTempFile("p2pvps-itest-cmd", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            return new Result(process.exitValue(), stdout, Files.readString(err.toPath()));
        } finally {
            err.delete();
        }
    }

    static Result run(String... command) throws Exception {
        return run(List.of(command), Map.of());
    }

    static void requireTool(String tool, String versionFlag) {
        try {
            Process process = new ProcessBuilder(tool, versionFlag).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError("'" + tool + "' is needed on this machine for the renter's side of the test "
                    + "(apt-get install -y sshpass openssh-client): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
