package io.slipway.builder.appfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic Beanstalk's {@code .ebextensions/*.config} (YAML or JSON), which are not read: the push
 * note says how to get what they ask for here, filled in from their environment properties, the
 * Node.js command, container_commands and static file mappings.
 */
final class EbExtensions {

    static final String DIRECTORY = ".ebextensions";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String ENVIRONMENT = "aws:elasticbeanstalk:application:environment";

    private EbExtensions() {
    }

    /** The note for the {@code .config} files' contents, by name; empty when there are none. */
    static String note(Map<String, byte[]> configs) {
        if (configs.isEmpty()) {
            return "";
        }
        Map<String, String> env = new LinkedHashMap<>();
        List<String> statics = new ArrayList<>();
        List<String> release = new ArrayList<>();
        List<String> other = new ArrayList<>();
        String web = "";
        for (byte[] bytes : configs.values()) {
            JsonNode root = ForeignFiles.readLeniently(YAML, bytes);
            if (root == null || !root.isObject()) {
                continue;
            }
            for (Setting s : settings(root.path("option_settings"))) {
                if (s.namespace().equals(ENVIRONMENT)) {
                    env.put(s.name(), s.value());
                } else if (s.namespace().endsWith(":staticfiles")) {
                    statics.add(s.name() + " → " + s.value());
                } else if (s.name().equals("NodeCommand") && !s.value().isBlank()) {
                    web = s.value();
                }
            }
            root.path("container_commands").fields().forEachRemaining(c -> {
                String command = c.getValue().path("command").asText("").strip();
                if (!command.isEmpty()) {
                    release.add(command);
                }
            });
            for (String key : List.of("packages", "commands", "files", "services", "Resources")) {
                if (root.has(key) && !other.contains(key)) {
                    other.add(key);
                }
            }
        }
        List<String> ways = new ArrayList<>();
        // A CloudFormation reference (`{"Ref": "Table"}`) has its value on AWS only.
        List<String> references = env.entrySet().stream().filter(e -> e.getValue().contains("\"Ref\"")
                || e.getValue().contains("Fn::")).map(Map.Entry::getKey).toList();
        references.forEach(env::remove);
        if (!env.isEmpty()) {
            ways.add("set its environment properties with config:set APP " + String.join(" ",
                    env.entrySet().stream().map(e -> ForeignFiles.shellWord(e.getKey(), e.getValue())).toList()));
        }
        if (!references.isEmpty()) {
            ways.add("give " + String.join(", ", references) + (references.size() == 1
                    ? " a value of your own (there, it is an AWS CloudFormation reference)"
                    : " values of your own (there, they are AWS CloudFormation references)"));
        }
        if (!web.isEmpty()) {
            ways.add("put its NodeCommand in a Procfile (web: " + web + ")");
        }
        if (!release.isEmpty()) {
            ways.add("its container_commands run before each deploy from a Procfile release line (release: "
                    + String.join(" && ", release) + ")");
        }
        if (!statics.isEmpty()) {
            ways.add("its static files (" + String.join(", ", statics) + ") are served by the app here, not by a"
                    + " proxy in front of it");
        }
        if (!other.isEmpty()) {
            ways.add("its " + String.join(", ", other) + " are not run (the build installs what the app's"
                    + " package files say)");
        }
        return DIRECTORY + "/ (Elastic Beanstalk's) is not read" + (ways.isEmpty() ? "" : ": " + String.join("; ", ways));
    }

    private record Setting(String namespace, String name, String value) {
    }

    /** option_settings in its two forms: {NAMESPACE: {NAME: VALUE}}, or [{namespace, option_name, value}]. */
    private static List<Setting> settings(JsonNode options) {
        List<Setting> settings = new ArrayList<>();
        if (options.isObject()) {
            options.fields().forEachRemaining(ns -> ns.getValue().fields().forEachRemaining(o ->
                    settings.add(new Setting(ns.getKey(), o.getKey(), o.getValue().asText("")))));
        }
        for (JsonNode option : ForeignFiles.elements(options)) {
            if (option.has("option_name")) {
                settings.add(new Setting(option.path("namespace").asText(ENVIRONMENT),
                        option.path("option_name").asText(), option.path("value").asText("")));
            }
        }
        return settings;
    }
}
