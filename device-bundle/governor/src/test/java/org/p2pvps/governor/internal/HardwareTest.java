package org.p2pvps.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareTest {

    @Test
    void readsX86AndRaspberryPiCpuinfo() {
        assertThat(Hardware.cpuModel("processor\t: 0\nmodel name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz\n"))
                .isEqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz");
        assertThat(Hardware.cpuModel("processor\t: 0\nBogoMIPS\t: 108.00\nHardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n"))
                .isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
        assertThat(Hardware.cpuModel("")).isNull();
    }

    @Test
    void readsMemTotal() {
        assertThat(Hardware.memoryMb("MemTotal:        8000000 kB\nMemFree: 1 kB\n")).isEqualTo(7812);
        assertThat(Hardware.memoryMb("nothing")).isZero();
    }

    @Test
    void namesArchitecturesLikeDebian() {
        assertThat(Hardware.arch("x86_64")).isEqualTo("amd64");
        assertThat(Hardware.arch("amd64")).isEqualTo("amd64");
        assertThat(Hardware.arch("aarch64")).isEqualTo("arm64");
        assertThat(Hardware.arch("arm")).isEqualTo("armhf");
        assertThat(Hardware.arch("riscv64")).isEqualTo("riscv64");
    }

    @Test
    void detectsThisMachine(@TempDir Path dir) {
        Hardware h = Hardware.detect(dir);
        assertThat(h.cores()).isPositive();
        assertThat(h.memoryMb()).isPositive();
        assertThat(h.diskMb()).isPositive();
        assertThat(h.arch()).matches("[a-z0-9_-]+");
        assertThat(h.toJson()).containsKeys("cpuModel", "cores", "memoryMb", "diskMb", "arch");
    }
}
