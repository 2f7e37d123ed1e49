package io.slipway.receiver.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --json} on every command: machine-readable output with stable snake_case field names. */
final class Output {

    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print machine-readable JSON.")
    boolean json;

    /** The caller's progress lines (a deploy's steps), or none when the output is JSON. */
    io.slipway.core.PushLog progress(Caller caller) {
        return json ? io.slipway.core.PushLog.NOTHING : caller.progress();
    }

    /** Prints {@code value} as JSON, or else the text lines. */
    void print(Caller caller, Object value, List<String> text) {
        if (json) {
            try {
                caller.stdout().println(JSON.writeValueAsString(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            text.forEach(caller.stdout()::println);
        }
        caller.stdout().flush();
    }
}
