package org.p2pvps.governor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The device's settings, from {@code etc/org.p2pvps.governor.cfg}. */
@ObjectClassDefinition(name = "p2pvps device governor",
        description = "Registers this device with a p2pvps server, keeps its SSH tunnel and runs renters' environments.")
public @interface GovernorConfig {

    String PID = "org.p2pvps.governor";

    @AttributeDefinition(name = "Server URL", description = "The p2pvps server, e.g. https://p2pvps.example.org "
            + "(the API path /api/v1 is added when missing).")
    String server_url() default "";

    @AttributeDefinition(name = "Device id", description = "The id the server gave when the owner created the device.")
    String device_id() default "";

    @AttributeDefinition(name = "Registration token", description = "The one-time token shown when the device was "
            + "created; used once, on first start.", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String registration_token() default "";

    @AttributeDefinition(name = "Container driver", description = "What runs a renter's environment: docker, or "
            + "local-sshd (development only: a shell on this machine, not isolated).")
    String container_driver() default "local-sshd";

    @AttributeDefinition(name = "Data directory", description = "Device key, registration state and status file. "
            + "Empty: <runtime>/data/governor.")
    String data_dir() default "";

    @AttributeDefinition(name = "Heartbeat interval (s)", description = "0: as the server says.")
    int heartbeat_interval_seconds() default 0;

    @AttributeDefinition(name = "First retry delay (ms)", description = "After a failed connection or call; doubles "
            + "on each failure, with jitter.")
    long backoff_initial_millis() default 1000;

    @AttributeDefinition(name = "Longest retry delay (ms)")
    long backoff_max_millis() default 60_000;

    @AttributeDefinition(name = "HTTP timeout (s)")
    int http_timeout_seconds() default 15;

    @AttributeDefinition(name = "SSH keep-alive (s)", description = "How often the tunnel checks that the gateway "
            + "still answers; after three missed answers it reconnects.")
    int tunnel_keepalive_seconds() default 30;

    @AttributeDefinition(name = "Gateway host", description = "Overrides the host the server names (empty: the "
            + "server's answer).")
    String gateway_host() default "";

    @AttributeDefinition(name = "Gateway port", description = "Overrides the port the server names (0: the server's "
            + "answer).")
    int gateway_port() default 0;

    @AttributeDefinition(name = "Gateway host key", description = "The gateway's public key (OpenSSH line) to require. "
            + "Empty: the key the server names (the first seen if it names none), pinned, replaced when the server "
            + "names another.")
    String gateway_host_key() default "";

    @AttributeDefinition(name = "local-sshd port", description = "Loopback port of the local-sshd driver's SSH server.")
    int localsshd_port() default 2022;
}
