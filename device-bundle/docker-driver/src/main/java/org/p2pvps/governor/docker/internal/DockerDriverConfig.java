package org.p2pvps.governor.docker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "p2pvps docker driver",
        description = "Runs each renter's environment as a Docker container with sshd and a fresh volume at /home.")
@interface DockerDriverConfig {

    @AttributeDefinition(name = "Image",
            description = "Image with sshd and the p2pvps entrypoint (device-bundle/image builds it).")
    String container_image() default "p2pvps/device:bookworm";

    @AttributeDefinition(name = "Network",
            description = "bridge: the container's own network, its sshd published on 127.0.0.1:ssh.port only. "
                    + "host: the device's network, sshd listening on 127.0.0.1:ssh.port; no network isolation.",
            options = {@Option(label = "bridge", value = "bridge"), @Option(label = "host", value = "host")})
    String container_network() default "bridge";

    @AttributeDefinition(name = "SSH port",
            description = "Loopback port of the device where the renter's sshd answers; the tunnel forwards to it.")
    int ssh_port() default 2022;

    @AttributeDefinition(name = "CPUs", description = "CPU time the container may use, in CPUs (1.5 = one and a half); 0: no limit.")
    double cpus() default 1.0;

    @AttributeDefinition(name = "Memory (MB)", description = "Memory limit, swap included; 0: no limit.")
    long memory_mb() default 512;

    @AttributeDefinition(name = "Processes", description = "Most processes and threads in the container at once; 0: no limit.")
    long pids_limit() default 256;

    @AttributeDefinition(name = "Docker host", description = "Docker Engine API endpoint: the daemon's unix socket.")
    String docker_host() default "unix:///var/run/docker.sock";

    @AttributeDefinition(name = "Start timeout (seconds)",
            description = "How long a new container may take until its sshd answers; then the start counts as failed.")
    int start_timeout_seconds() default 60;
}
