/**
 * The seam between the governor and what runs a renter's environment: a {@link ContainerDriver}
 * (Docker, or an embedded SSH server for development), chosen by configuration.
 */
@Export
@Version("2.0.0")
package org.p2pvps.governor.container;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
