package io.slipway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineBufferTest {

    private final List<String> lines = new ArrayList<>();
    private final LineBuffer buffer = new LineBuffer(lines::add);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void linesAreReassembledFromChunksWithoutTheirLineEnds() {
        buffer.accept(bytes("one\r\ntw"));
        buffer.accept(bytes("o\nthree"));
        buffer.flush();

        assertThat(lines).containsExactly("one", "two", "three");
    }

    @Test
    void aVeryLongLineIsHandedOnInPiecesWithNoByteLost() {
        String line = "x".repeat(40_000) + "y";
        buffer.accept(bytes(line + "\nafter\n"));

        assertThat(lines).hasSize(4).last().isEqualTo("after");
        assertThat(String.join("", lines.subList(0, 3))).isEqualTo(line);
        assertThat(lines.get(0)).hasSize(16 * 1024);
    }

    @Test
    void streamsThatArriveInterleavedAreReassembledEachOnItsOwn() {
        // A container's stdout is in the middle of a long line when its stderr says why it fails.
        buffer.accept("stdout", bytes("x".repeat(20_000)));
        buffer.accept("stderr", bytes("Error: Parameter \"key\" is required\n"));
        buffer.accept("stdout", bytes("x\nlisten\n"));

        assertThat(lines).contains("Error: Parameter \"key\" is required", "listen");
        assertThat(lines.stream().filter(l -> l.startsWith("x")).mapToInt(String::length).sum()).isEqualTo(20_001);
    }
}
