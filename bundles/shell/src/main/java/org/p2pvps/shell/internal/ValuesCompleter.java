package org.p2pvps.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes from values read afresh at each completion, so what it offers is never stale. */
abstract class ValuesCompleter implements Completer {

    /** @return the values to offer, in the order to offer them */
    abstract List<String> values();

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(values()).complete(session, commandLine, candidates);
    }
}
