/** Owners: the accounts that put devices on the market. */
@Export
@Version("1.0.0")
package org.p2pvps.owner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
