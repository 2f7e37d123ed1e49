package io.slipway.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTreeTest {

    @TempDir
    Path dir;

    @Test
    void everyFileCarriesItsCommitsTimeSoANewCommitChangesWhatServersDeriveFromIt() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call()) {
            Files.createDirectories(dir.resolve("public"));
            Files.writeString(dir.resolve("public/index.html"), "<h1>hello</h1>");
            RevCommit first = commit(git, "2026-01-02T03:04:05Z");
            Files.writeString(dir.resolve("public/index.html"), "<h1>hallo</h1>"); // same size
            RevCommit second = commit(git, "2026-02-03T04:05:06Z");

            Map<String, Date> firstTimes = times(new GitSourceTree(git.getRepository(), first));
            Map<String, Date> again = times(new GitSourceTree(git.getRepository(), first));
            Map<String, Date> secondTimes = times(new GitSourceTree(git.getRepository(), second));

            assertThat(firstTimes).containsOnlyKeys("public/", "public/index.html")
                    .containsEntry("public/index.html", Date.from(Instant.parse("2026-01-02T03:04:05Z")));
            assertThat(again).as("the same commit, the same archive").isEqualTo(firstTimes);
            assertThat(secondTimes).containsEntry("public/index.html", Date.from(Instant.parse("2026-02-03T04:05:06Z")));
            Files.writeString(dir.resolve("public/index.html"), "<h1>epoch</h1>");
            RevCommit dated0 = commit(git, "1970-01-01T00:00:00Z");
            assertThat(times(new GitSourceTree(git.getRepository(), dated0))).as("zip cannot hold times before 1980")
                    .containsEntry("public/index.html", Date.from(Instant.parse("1980-01-01T00:00:00Z")));
        }
    }

    @Test
    void filesListsTheRegularFilesDirectlyInADirectory() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call()) {
            Files.createDirectories(dir.resolve(".ebextensions/nested"));
            Files.writeString(dir.resolve(".ebextensions/options.config"), "option_settings: {}");
            Files.writeString(dir.resolve(".ebextensions/nested/deep.config"), "{}");
            Files.writeString(dir.resolve(".ebextensions-not.config"), "{}");
            RevCommit commit = commit(git, "2026-01-02T03:04:05Z");

            GitSourceTree tree = new GitSourceTree(git.getRepository(), commit);

            assertThat(tree.files(".ebextensions")).containsExactly(".ebextensions/options.config");
            assertThat(tree.files("missing")).isEmpty();
        }
    }

    private RevCommit commit(Git git, String when) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("dev", "dev@example.com", Date.from(Instant.parse(when)), TimeZone.getTimeZone("UTC"));
        return git.commit().setMessage(when).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    private static Map<String, Date> times(GitSourceTree tree) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tree.writeTar(out, 1000, 1000, List.of());
        Map<String, Date> times = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                times.put(e.getName(), e.getModTime());
            }
        }
        return times;
    }
}
