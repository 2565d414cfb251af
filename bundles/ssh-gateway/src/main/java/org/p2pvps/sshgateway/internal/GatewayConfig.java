package org.p2pvps.sshgateway.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "p2pvps SSH gateway",
        description = "Devices connect here with their key and hold a reverse tunnel of their own port; "
                + "renters reach the device through that port.")
public @interface GatewayConfig {

    @AttributeDefinition(name = "Listen address", description = "Address the gateway's SSH server binds.")
    String listen_address() default "0.0.0.0";

    @AttributeDefinition(name = "Listen port", description = "Port devices (and jump-host renters) connect to.")
    int listen_port() default 2222;

    @AttributeDefinition(name = "Renter bind address",
            description = "Address every device's tunnel port is bound on, whatever the device asks for.")
    String renter_bind_address() default "0.0.0.0";

    @AttributeDefinition(name = "Host key file",
            description = "The gateway's host key, generated on first start; empty means ${karaf.data}/ssh-gateway/host_key.")
    String host_key_file() default "";

    @AttributeDefinition(name = "Sessions per device",
            description = "SSH sessions one device may hold; a newer session replaces the oldest.")
    int max_sessions_per_device() default 1;

    @AttributeDefinition(name = "Channels per session", description = "Open channels (renter connections) per session.")
    int max_channels_per_session() default 64;

    @AttributeDefinition(name = "Unauthenticated connections",
            description = "Connections still authenticating at once; more are dropped on arrival.")
    int max_unauthenticated() default 32;

    @AttributeDefinition(name = "Authentication attempts", description = "Attempts per connection before it is dropped.")
    int max_auth_attempts() default 6;

    @AttributeDefinition(name = "Authentication timeout (seconds)",
            description = "A connection that has not authenticated by then is dropped.")
    int auth_timeout_seconds() default 30;

    @AttributeDefinition(name = "Idle timeout (seconds)",
            description = "A session with no traffic at all (keep-alive answers count) is closed; 0 disables.")
    int idle_timeout_seconds() default 600;

    @AttributeDefinition(name = "Keep-alive interval (seconds)",
            description = "How often the gateway probes each session; 0 disables.")
    int keep_alive_seconds() default 30;

    @AttributeDefinition(name = "Keep-alive misses",
            description = "Unanswered probes in a row after which a session counts as dead and is closed.")
    int keep_alive_max_missed() default 3;

    @AttributeDefinition(name = "Event loops",
            description = "Threads that serve the connections, each connection on one of them; 0 means one per CPU.")
    int nio_workers() default 0;

    @AttributeDefinition(name = "Channel window (bytes)",
            description = "SSH flow-control window per channel; larger carries more bulk data per round trip.")
    int channel_window_bytes() default 2097152;

    @AttributeDefinition(name = "Channel packet size (bytes)", description = "Largest SSH data packet the gateway accepts.")
    int channel_packet_bytes() default 32768;

    @AttributeDefinition(name = "Re-key after (MiB)",
            description = "Each SSH connection changes its keys after this many MiB in either direction (and every "
                    + "hour): 1024 is RFC 4253's recommendation; OpenSSH waits 64 GiB (65536) for AES-GCM (RFC 4344), "
                    + "sparing the device a key exchange per GiB. 1-65536.")
    int rekey_limit_megabytes() default 1024;

    @AttributeDefinition(name = "chacha20-poly1305 on OpenSSL",
            description = "Run chacha20-poly1305@openssh.com on the OS's OpenSSL 3 (libcrypto.so.3) when it loads "
                    + "and passes its self-test (about a third of the gateway's CPU per byte); false forces the "
                    + "plain-Java cipher.")
    boolean chacha20_openssl() default true;
}
