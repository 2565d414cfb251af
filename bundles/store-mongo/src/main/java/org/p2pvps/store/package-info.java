/**
 * The MongoDB store that p2pvps bundles keep their collections in. Each capability owns its own
 * collections and indexes; this package only hands out the database and says where it lives.
 */
@Export
@Version("1.0.0")
package org.p2pvps.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
