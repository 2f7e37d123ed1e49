package io.slipway.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliUsageErrorTest {

    /** The error line the command line gets; the commands are built but never run. */
    private static String usageError(String... args) {
        CommandLine line = new CommandLine(new Cli.Root(), new Cli.Factory(new Context(null, null)));
        line.setOut(new PrintWriter(new StringWriter()));
        line.setErr(new PrintWriter(new StringWriter()));
        AtomicReference<String> error = new AtomicReference<>();
        line.setParameterExceptionHandler((e, a) -> {
            error.set(Cli.usageError(e, a));
            return 2;
        });
        assertThat(line.execute(args)).isEqualTo(2);
        return error.get();
    }

    @Test
    void usageErrorWhenCommandIsUnknownNamesItAndTheClosestCommands() {
        assertThat(usageError("apps:lst"))
                .startsWith("unknown command 'apps:lst'; did you mean apps:list")
                .endsWith(" (see 'help')");
    }

    @Test
    void usageErrorWhenCommandIsDokkusOrHerokusSaysWhatToUseHere() {
        assertThat(usageError("storage:mount", "shop", "/var/data:/data")).isEqualTo("unknown command 'storage:mount':"
                + " Slipway does not have it; apps have no persistent volumes here: keep data in an add-on"
                + " (addons:create APP postgres, redis, mysql), or in object storage (see 'help')");
        assertThat(usageError("buildpacks:set", "shop", "https://example.com/bp.git"))
                .contains("config:set APP BUILDPACK_URL=URL").doesNotContain("did you mean");
        assertThat(usageError("apps:rename", "shop", "store")).contains("create the new app");
        assertThat(usageError("ports:set", "shop", "http:80:3000")).contains("config:set APP PORT=3000");
    }

    @Test
    void usageErrorWhenHelpTopicIsUnknownSuggestsAsForACommand() {
        assertThat(usageError("help", "ps:scal")).startsWith("unknown command 'ps:scal'; did you mean ps:scale")
                .endsWith(" (see 'help')");
    }

    @Test
    void usageErrorWhenOptionIsMisspeltSuggestsTheCommandsOwnOption() {
        assertThat(usageError("apps:list", "--jsn"))
                .isEqualTo("unknown option '--jsn'; did you mean --json? (see 'help apps:list')");
        assertThat(usageError("apps:destroy", "x", "--confrm", "x"))
                .isEqualTo("unknown option '--confrm'; did you mean --confirm? (see 'help apps:destroy')");
    }

    @Test
    void usageErrorWhenArgumentIsExtraSaysWhichAndPointsToTheCommandsHelp() {
        assertThat(usageError("apps:create", "a", "b")).isEqualTo("unexpected argument 'b' (see 'help apps:create')");
    }

    @Test
    void usageErrorWhenParameterIsMissingNamesIt() {
        assertThat(usageError("config:set")).isEqualTo("Missing required parameters: 'APP', 'KEY=VALUE' (see 'help config:set')");
    }
}
