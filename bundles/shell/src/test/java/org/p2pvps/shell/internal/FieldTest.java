package org.p2pvps.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FieldTest {

    @Test
    void printsAsLabelledLinesWithoutHeader() {
        String out = TestData.printed(Field.table(List.of(new Field("ID", "d1"), new Field("Tunnel port", "6001"))));

        // labels padded to one width, so the values line up behind Karaf's column separator (| or │)
        assertThat(out.lines().map(String::strip).toList()).hasSize(2)
                .satisfiesExactly(id -> assertThat(id).matches("ID {10}. d1"),
                        port -> assertThat(port).matches("Tunnel port . 6001"));
    }
}
