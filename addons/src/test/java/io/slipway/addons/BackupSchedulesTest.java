package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BackupSchedulesTest {

    @Test
    void parseAcceptsFiveFieldCron() {
        assertThat(BackupSchedules.parse("0 3 * * *")).isNotNull();
        assertThat(BackupSchedules.parse(" */15 * * * 1-5 ")).isNotNull();
    }

    @Test
    void parseRefusesWhatIsNotAFiveFieldCron() {
        for (String bad : new String[] {"", " ", "61 * * * *", "0 3 * *", "0 3 * * * *", "every day", "x".repeat(101)}) {
            assertThatThrownBy(() -> BackupSchedules.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("\"0 3 * * *\"");
        }
        assertThatThrownBy(() -> BackupSchedules.parse(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void matchesInUtc() {
        ZonedDateTime three = ZonedDateTime.of(2026, 1, 21, 3, 0, 0, 0, ZoneOffset.UTC);

        assertThat(BackupSchedules.matches("0 3 * * *", three)).isTrue();
        assertThat(BackupSchedules.matches("0 3 * * *", three.plusMinutes(1))).isFalse();
        assertThat(BackupSchedules.matches("*/5 * * * *", three.plusMinutes(10))).isTrue();
    }

    @Test
    void keepIsBetweenOneAndAThousand() {
        BackupSchedules.checkKeep(1);
        BackupSchedules.checkKeep(1000);
        assertThatThrownBy(() -> BackupSchedules.checkKeep(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BackupSchedules.checkKeep(1001)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void tickBacksUpExactlyTheAddonsWhoseScheduleMatches() {
        AddonRecord daily = record("db", "0 3 * * *");
        AddonRecord never = record("cache", "");
        AddonRecord hourly = record("other", "30 * * * *");
        List<AddonRef> backedUp = new CopyOnWriteArrayList<>();
        BackupSchedules schedules = new BackupSchedules(() -> List.of(daily, never, hourly), backedUp::add, Runnable::run);

        schedules.tick(ZonedDateTime.of(2026, 1, 21, 3, 0, 0, 0, ZoneOffset.UTC));

        assertThat(backedUp).containsExactly(daily.ref());
    }

    static AddonRecord record(String name, String schedule) {
        return new AddonRecord(new AddonRef(AppName.of("web"), Name.of(name)), Service.POSTGRES, "img", "PostgreSQL 17",
                new Credentials("u", "p", "d"), 0, schedule, 7, Instant.EPOCH);
    }
}
