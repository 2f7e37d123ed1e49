package io.slipway.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlipwayCommandFactoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"/hello.git", "hello.git", "~/hello", "~/hello.git", "hello", "/hello", "hello.git/",
            "//hello.git"})
    void repositoryAppWhenPathNamesOneAppReturnsIt(String path) {
        assertThat(SlipwayCommandFactory.repositoryApp(path)).isEqualTo(AppName.of("hello"));
    }

    @Test
    void repositoryAppWhenPathComesQuotedFromGitReturnsTheApp() {
        String path = CommandLine.split("git-receive-pack '/hello.git'").get(1);

        assertThat(SlipwayCommandFactory.repositoryApp(path)).isEqualTo(AppName.of("hello"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/b.git", "a/b", "~/a/b.git", "../x.git", "/../x.git", "./hello.git"})
    void repositoryAppWhenPathHasDirectoriesRefusesWithTheUrlToUse(String path) {
        assertThatThrownBy(() -> SlipwayCommandFactory.repositoryApp(path))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + path + "'")
                .hasMessageContaining("ssh://git@HOST:PORT/APP.git");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../", ".git", "", "/", "~/", "Hello.git", "admin.git", "hello.git.git", "-x.git",
            "~hello"})
    void repositoryAppWhenNameIsNotAnAppNameRefuses(String path) {
        assertThatThrownBy(() -> SlipwayCommandFactory.repositoryApp(path)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void createCommandWhenGitPathEscapesRefusesBeforeRunningAnything() {
        SlipwayCommandFactory factory = new SlipwayCommandFactory(null, null, null, null);

        // The command that comes back only prints the refusal; no git transport is started.
        assertThat(factory.createCommand(null, "git-receive-pack '../x.git'")).isNotInstanceOf(GitPackCommand.class);
        assertThat(factory.createCommand(null, "git-upload-pack '/a/b.git'")).isNotInstanceOf(GitPackCommand.class);
    }

    @Test
    void createCommandWhenVerbIsGitReturnsAGitCommand() {
        SlipwayCommandFactory factory = new SlipwayCommandFactory(null, null, null, null);

        assertThat(factory.createCommand(null, "git-receive-pack '/hello.git'")).isInstanceOf(GitPackCommand.class);
        assertThat(factory.createCommand(null, "git-upload-pack 'hello.git'")).isInstanceOf(GitPackCommand.class);
    }
}
