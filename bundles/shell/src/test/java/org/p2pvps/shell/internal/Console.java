package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures System.out and System.err for each test, where Karaf points them at the calling session. */
final class Console implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private PrintStream systemErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        systemOut = System.out;
        systemErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(systemOut);
        System.setErr(systemErr);
    }

    /** Runs the command as Karaf would; commands print rather than return a value for Karaf to print. */
    static void run(Action command) throws Exception {
        assertThat(command.execute()).isNull();
    }

    /**
     * Asserts the command refused with this sentence as a {@link CommandException}: Karaf prints its message
     * without a stack trace on the console and over {@code ssh host command} (where a message on stderr was
     * lost), and ends such a call with exit status 1; nothing else is printed.
     */
    void assertRefused(Action command, String error) {
        assertThatThrownBy(command::execute).isExactlyInstanceOf(CommandException.class).hasMessage(error);
        assertThat(out()).isEmpty();
        assertThat(err()).isEmpty();
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }
}
