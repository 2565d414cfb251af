/**
 * Devices: the rentable machines, their hardware and pricing, the registry service that knows them,
 * and the whiteboard interface through which plugins hear what happens to them.
 */
@Export
@Version("1.0.0")
package org.p2pvps.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
