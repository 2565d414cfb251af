/**
 * The SSH gateway as other capabilities and operator tools see it: its host key, and the devices'
 * reverse tunnels it holds right now.
 */
@Export
@Version("1.1.0")
package org.p2pvps.gateway;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
