package org.p2pvps.owner;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Read access to owner accounts, for other p2pvps capabilities and operator tools. */
@ProviderType
public interface OwnerService {

    /** @return the owner with that id, if it exists */
    Optional<Owner> find(String ownerId);

    /** @return a page of all owners, oldest first */
    List<Owner> list(int skip, int limit);

    /** @return how many owners exist */
    long count();
}
