package io.slipway.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ChangeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredeployImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The engine's diff: kind 0 changed, 1 added, 2 deleted; each directory above a change is listed changed. */
    private static List<ChangeLog> diff(Object... pathsAndKinds) throws Exception {
        List<ChangeLog> changes = new ArrayList<>();
        for (int i = 0; i < pathsAndKinds.length; i += 2) {
            changes.add(JSON.readValue("{\"Path\": \"" + pathsAndKinds[i] + "\", \"Kind\": " + pathsAndKinds[i + 1] + "}",
                    ChangeLog.class));
        }
        return changes;
    }

    @Test
    void addedAndChangedFilesAreCopiedNotTheDirectoriesAboveThem() throws Exception {
        List<ChangeLog> changes = diff("/workspace", 0, "/workspace/predeploy.test", 1,
                "/workspace/config.js", 0, "/home", 0, "/home/cnb", 0, "/home/cnb/.npm", 1,
                "/home/cnb/.npm/_logs", 1, "/home/cnb/.npm/_logs/debug.log", 1);

        assertThat(PredeployImages.copied(changes, Set.of()))
                .containsExactly("/home/cnb/.npm", "/workspace/config.js", "/workspace/predeploy.test");
    }

    @Test
    void theEnginesMountPointsAndTheDirectoriesAboveThemAreNotCopied() throws Exception {
        List<ChangeLog> changes = diff("/usr", 0, "/usr/sbin", 0, "/usr/sbin/docker-init", 1);

        assertThat(PredeployImages.copied(changes, Set.of("/usr/sbin/docker-init"))).isEmpty();
    }

    @Test
    void anAddedDirectoryIsCopiedWhole() throws Exception {
        List<ChangeLog> changes = diff("/workspace", 0, "/workspace/staticfiles", 1,
                "/workspace/staticfiles/admin", 1, "/workspace/staticfiles/admin/base.css", 1);

        assertThat(PredeployImages.copied(changes, Set.of())).containsExactly("/workspace/staticfiles");
    }

    @Test
    void aChangedDirectoryWithNothingListedBelowIsCopiedAsItIs() throws Exception {
        assertThat(PredeployImages.copied(diff("/workspace/public", 0), Set.of())).containsExactly("/workspace/public");
    }

    @Test
    void deletionsAreReportedNotCopied() throws Exception {
        List<ChangeLog> changes = diff("/workspace", 0, "/workspace/old", 2, "/workspace/old/a.txt", 2,
                "/workspace/b.txt", 2);

        assertThat(PredeployImages.copied(changes, Set.of())).isEmpty();
        assertThat(PredeployImages.removed(changes)).containsExactly("/workspace/b.txt", "/workspace/old");
    }

    @Test
    void noChangeCopiesNothing() throws Exception {
        assertThat(PredeployImages.copied(diff(), Set.of())).isEmpty();
        assertThat(PredeployImages.removed(diff())).isEmpty();
    }
}
