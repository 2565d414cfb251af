package org.p2pvps.registry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "p2pvps registry",
        description = "Owners, devices, registration, heartbeat, rentals and listings; the /api/v1 REST API.")
public @interface RegistryConfig {

    @AttributeDefinition(name = "Session lifetime (hours)", description = "How long an owner's login token is valid.")
    int session_ttl_hours() default 12;

    @AttributeDefinition(name = "Lowest tunnel port", description = "First port of the range devices' tunnels get.")
    int tunnel_port_min() default 6000;

    @AttributeDefinition(name = "Highest tunnel port", description = "Last port of the range devices' tunnels get.")
    int tunnel_port_max() default 6999;

    @AttributeDefinition(name = "Heartbeat interval (seconds)",
            description = "How often devices are told to send a heartbeat.")
    int heartbeat_interval_seconds() default 30;

    @AttributeDefinition(name = "Online window (seconds)",
            description = "A device seen within this many seconds counts as online.")
    int online_window_seconds() default 90;

    @AttributeDefinition(name = "Gateway host", description = "Host name devices use to reach the SSH gateway.")
    String gateway_host() default "localhost";

    @AttributeDefinition(name = "Gateway port", description = "Port devices use to reach the SSH gateway.")
    int gateway_port() default 2222;

    @AttributeDefinition(name = "Password hash cost",
            description = "bcrypt cost factor for owner passwords (4-31; each step doubles the work).")
    int password_hash_cost() default 12;

    @AttributeDefinition(name = "Request body limit (bytes)", description = "Larger request bodies are refused with 413.")
    int request_body_max_bytes() default 65536;

    @AttributeDefinition(name = "Payment timeout (minutes)",
            description = "A rental not paid within this time is cancelled and the device offered again.")
    int rental_payment_timeout_minutes() default 60;

    @AttributeDefinition(name = "Most periods per rental", description = "Upper bound of count in one rental or renewal.")
    int rental_max_count() default 1000;

    @AttributeDefinition(name = "Rental sweep interval (seconds)",
            description = "How often expired and unpaid rentals are ended.")
    int rental_sweep_interval_seconds() default 10;
}
