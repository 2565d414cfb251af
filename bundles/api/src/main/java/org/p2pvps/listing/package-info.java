/** Listings: the public, searchable view of registered devices. */
@Export
@Version("1.0.0")
package org.p2pvps.listing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
