package io.slipway.builder.appfiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryTest {

    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void parseReadsKilobytesMegabytesAndGigabytes() {
        assertThat(Memory.parse("8192k")).contains(8192 * KIB);
        assertThat(Memory.parse("512m")).contains(512 * MIB);
        assertThat(Memory.parse("2g")).contains(2 * GIB);
    }

    @Test
    void parseWhenNumberIsBareReadsMebibytes() {
        assertThat(Memory.parse("256")).contains(256 * MIB);
    }

    @Test
    void parseAcceptsUpperCaseSpacesAndByteSuffixes() {
        assertThat(Memory.parse("256MB")).contains(256 * MIB);
        assertThat(Memory.parse("1GiB")).contains(GIB);
        assertThat(Memory.parse(" 512 m ")).contains(512 * MIB);
        assertThat(Memory.parse("4G")).contains(4 * GIB);
    }

    @Test
    void parseWhenBelowSixMebibytesRefuses() {
        assertThat(Memory.parse("5m")).isEmpty();
        assertThat(Memory.parse("5")).isEmpty();
        assertThat(Memory.parse("1k")).isEmpty();
        assertThat(Memory.parse("0g")).isEmpty();
        assertThat(Memory.parse("6m")).contains(6 * MIB);
    }

    @Test
    void parseWhenNotASizeRefuses() {
        assertThat(Memory.parse("")).isEmpty();
        assertThat(Memory.parse("lots")).isEmpty();
        assertThat(Memory.parse("1.5g")).isEmpty();
        assertThat(Memory.parse("-512m")).isEmpty();
        assertThat(Memory.parse("512 megabytes")).isEmpty();
        assertThat(Memory.parse("2t")).isEmpty();
        assertThat(Memory.parse("1234567890m")).isEmpty();
    }

    @Test
    void parseWhenLargestNineDigitGigabytesDoesNotOverflow() {
        assertThat(Memory.parse("999999999g")).contains(999_999_999L * GIB);
    }

    @Test
    void parseWhenSuffixIsBytesOrAStrayLetterDoesNotReadMebibytes() {
        assertThat(Memory.parse("536870912b")).satisfiesAnyOf(
                size -> assertThat(size).isEmpty(),
                size -> assertThat(size).contains(512 * MIB));
        assertThat(Memory.parse("7i")).isEmpty();
    }
}
