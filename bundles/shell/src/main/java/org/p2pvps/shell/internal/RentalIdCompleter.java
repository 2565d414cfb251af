package org.p2pvps.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalService;

/** Completes rental ids, newest first. */
@Service
public final class RentalIdCompleter extends ValuesCompleter {

    @Reference(optional = true)
    RentalService rentals;

    @Override
    List<String> values() {
        return rentals == null ? List.of() : Paging.all(rentals::list).stream().map(Rental::id).toList();
    }
}
