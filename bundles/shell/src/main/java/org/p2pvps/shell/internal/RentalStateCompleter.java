package org.p2pvps.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes rental states from the enum itself, so a new state needs no change here. */
@Service
public final class RentalStateCompleter extends ValuesCompleter {

    @Override
    List<String> values() {
        return RentalFilter.STATES;
    }
}
