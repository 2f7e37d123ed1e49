package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class ConsolesTest {

    @Test
    void spoolWhenTheInputEndsKeepsAllOfItReadableByTheClientsUser() throws Exception {
        byte[] script = "SELECT 1;\n\\q\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        Path file = Consoles.spool(new ByteArrayInputStream(script));
        try {
            assertThat(Files.readAllBytes(file)).isEqualTo(script);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        } finally {
            Files.delete(file);
        }
    }
}
