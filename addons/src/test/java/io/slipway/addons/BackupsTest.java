package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.Addons.Backup;
import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {

    static final AddonRef REF = new AddonRef(AppName.of("web"), Name.of("db"));

    @TempDir
    Path root;

    Backups backups;
    Path dir;

    @BeforeEach
    void files() throws Exception {
        backups = new Backups(root, null, Clock.fixed(Instant.parse("2026-01-21T03:00:00Z"), ZoneOffset.UTC));
        dir = Files.createDirectories(backups.dir(REF));
        Files.writeString(dir.resolve("20260119T030000Z.dump"), "a");
        Files.writeString(dir.resolve("20260120T030000Z.dump"), "bb");
        Files.writeString(dir.resolve("20260120T030000Z-1.dump"), "ccc");
        Files.writeString(dir.resolve("20260121T030000Z.dump.partial"), "unfinished");
        Files.writeString(dir.resolve("notes.txt"), "not a backup");
    }

    @Test
    void dirIsPerAppAndAddon() {
        assertThat(backups.dir(REF)).isEqualTo(root.resolve("web").resolve("db"));
    }

    @Test
    void listShowsFinishedBackupsNewestFirst() {
        assertThat(backups.list(REF)).extracting(Backup::id)
                .containsExactly("20260120T030000Z-1.dump", "20260120T030000Z.dump", "20260119T030000Z.dump");
        assertThat(backups.list(REF).get(2).createdAt()).isEqualTo(Instant.parse("2026-01-19T03:00:00Z"));
        assertThat(backups.list(REF).get(0).sizeBytes()).isEqualTo(3);
        assertThat(backups.list(new AddonRef(AppName.of("web"), Name.of("none")))).isEmpty();
    }

    @Test
    void findRefusesUnknownPartialAndForeignNames() {
        AddonRecord pg = BackupSchedulesTest.record("db", "");

        assertThat(backups.find(pg, "20260119T030000Z.dump")).isEqualTo(dir.resolve("20260119T030000Z.dump"));
        for (String bad : new String[] {"20260121T030000Z.dump.partial", "notes.txt", "../../etc/passwd", "", "2099.dump"}) {
            assertThatThrownBy(() -> backups.find(pg, bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("newest: 20260120T030000Z-1.dump");
        }
    }

    @Test
    void findRefusesABackupOfAnotherService() throws Exception {
        Files.writeString(dir.resolve("20260118T030000Z.rdb"), "REDIS");
        AddonRecord pg = BackupSchedulesTest.record("db", "");

        assertThatThrownBy(() -> backups.find(pg, "20260118T030000Z.rdb")).hasMessageContaining("not a postgres backup");
    }

    @Test
    void pruneKeepsTheNewest() {
        assertThat(backups.prune(REF, 2)).isEqualTo(1);
        assertThat(backups.list(REF)).extracting(Backup::id)
                .containsExactly("20260120T030000Z-1.dump", "20260120T030000Z.dump");
        assertThat(backups.prune(REF, 5)).isZero();
    }

    @Test
    void memcachedHasNothingToBackUp() {
        AddonRecord cache = new AddonRecord(REF, Service.MEMCACHED, "img", "memcached 1.6", new Credentials("u", "p", "d"),
                0, "", 7, Instant.EPOCH);

        assertThatThrownBy(() -> backups.take(cache)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("memcached keeps no persistent data");
    }
}
