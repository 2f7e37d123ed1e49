package io.slipway.receiver.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --json} on every command: machine-readable output with stable snake_case field names. */
final class Output {

    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print machine-readable JSON.")
    boolean json;

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
