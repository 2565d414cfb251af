package org.p2pvps.registry.internal.store;

import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;

/** Tells which unique index a write ran into, so callers can react to each one differently. */
public final class DuplicateKey {

    private DuplicateKey() {
    }

    /** @return the name of the violated unique index, if {@code e} is a duplicate-key error */
    public static Optional<String> index(MongoException e) {
        boolean duplicate = e instanceof MongoWriteException write
                ? write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                : e instanceof MongoCommandException command && command.getErrorCode() == 11000;
        if (!duplicate) {
            return Optional.empty();
        }
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("index: ");
        if (at < 0) {
            return Optional.of("");
        }
        String rest = message.substring(at + "index: ".length());
        int end = rest.indexOf(' ');
        return Optional.of(end < 0 ? rest : rest.substring(0, end));
    }
}
