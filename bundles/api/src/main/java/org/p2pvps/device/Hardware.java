package org.p2pvps.device;

/**
 * What a device reported about its hardware when it registered.
 *
 * @param cpuModel CPU model name as the device reads it
 * @param cores logical CPU cores
 * @param memoryMb memory in MiB
 * @param diskMb disk space available to renters in MiB
 * @param arch CPU architecture, e.g. {@code amd64} or {@code arm64}
 */
public record Hardware(String cpuModel, int cores, long memoryMb, long diskMb, String arch) {
}
