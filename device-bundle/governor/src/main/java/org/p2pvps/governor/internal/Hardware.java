package org.p2pvps.governor.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the device offers, as the registration's {@code Hardware} object. Read from {@code /proc}, the
 * JVM and the data directory's file system: no native library (OSHI needs JNA), so it runs on any
 * JDK 17 on amd64 and arm64.
 */
record Hardware(String cpuModel, int cores, long memoryMb, long diskMb, String arch) {

    static Hardware detect(Path dataDir) {
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        String meminfo = read(Path.of("/proc/meminfo"));
        long diskMb;
        try {
            diskMb = Files.getFileStore(dataDir).getTotalSpace() / (1024 * 1024);
        } catch (IOException e) {
            diskMb = 0;
        }
        String model = cpuModel(cpuinfo);
        return new Hardware(model != null ? model : System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Math.max(1, memoryMb(meminfo)), diskMb,
                arch(System.getProperty("os.arch")));
    }

    /** {@code model name} (x86), {@code Model} (Raspberry Pi) or {@code Hardware}/{@code Processor} (other ARM). */
    static String cpuModel(String cpuinfo) {
        for (String key : new String[] {"model name", "Model", "Hardware", "Processor", "cpu model"}) {
            for (String line : cpuinfo.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    String v = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                    if (!v.isEmpty()) {
                        return v.length() > 128 ? v.substring(0, 128) : v;
                    }
                }
            }
        }
        return null;
    }

    /** {@code MemTotal} in MiB, 0 when unknown. */
    static long memoryMb(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring(9).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]) / 1024;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** The JVM's {@code os.arch} in Debian's names: amd64, arm64, armhf, i386, ... */
    static String arch(String osArch) {
        String a = osArch == null ? "unknown" : osArch.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "arm", "armv7l", "armhf", "aarch32" -> "armhf";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            default -> a.replaceAll("[^a-z0-9_-]", "");
        };
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpuModel", cpuModel);
        json.put("cores", cores);
        json.put("memoryMb", memoryMb);
        json.put("diskMb", diskMb);
        json.put("arch", arch);
        return json;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
