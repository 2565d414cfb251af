/**
 * Rentals: a renter's use of one device for a number of periods, its life cycle, and the
 * {@link org.p2pvps.rental.PaymentProvider} SPI through which payment plugins settle rentals.
 */
@Export
@Version("1.0.0")
package org.p2pvps.rental;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
