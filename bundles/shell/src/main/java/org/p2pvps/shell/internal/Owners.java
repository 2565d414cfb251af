package org.p2pvps.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.p2pvps.owner.Owner;

/**
 * All owners, looked up the ways an operator names them. OwnerService has no lookup by e-mail, so this
 * searches the full list; fine for an operator command, not for a request path.
 */
record Owners(List<Owner> all) {

    Owners {
        all = List.copyOf(all);
    }

    /** @return the owner whose id or (case-insensitive) e-mail is {@code idOrEmail}; an id match wins */
    Optional<Owner> find(String idOrEmail) {
        String email = idOrEmail.toLowerCase(Locale.ROOT);
        return all.stream().filter(owner -> owner.id().equals(idOrEmail)).findFirst()
                .or(() -> all.stream().filter(owner -> email.equals(lowerCase(owner.email()))).findFirst());
    }

    /** @return the e-mail of the owner with that id, or the id itself if the owner is gone */
    String label(String ownerId) {
        return all.stream().filter(owner -> owner.id().equals(ownerId)).findFirst()
                .map(Owner::email)
                .orElse(ownerId);
    }

    private static String lowerCase(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
