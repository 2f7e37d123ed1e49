package io.slipway.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What an app's top-level files say about it when no bundled buildpack detected it: a language
 * Slipway has no buildpack for, or a near miss of one it has (a Node.js server without its
 * package.json). The push names it, so that the user knows what to add or use instead.
 */
final class UnrecognizedApp {

    private record Language(String name, Predicate<String> file) {
    }

    private static final List<Language> UNSUPPORTED = List.of(
            new Language("Ruby", named("Gemfile", "config.ru", "Gemfile.lock")),
            new Language(".NET", n -> n.endsWith(".csproj") || n.endsWith(".fsproj") || n.endsWith(".vbproj")
                    || n.endsWith(".sln") || n.equals("global.json")),
            new Language("Elixir", named("mix.exs")),
            new Language("Rust", named("Cargo.toml")),
            new Language("Clojure", named("project.clj", "deps.edn")),
            new Language("Scala (sbt)", named("build.sbt")),
            new Language("Deno", named("deno.json", "deno.jsonc", "deno.lock")),
            new Language("Crystal", named("shard.yml")),
            new Language("Zig", named("build.zig")),
            new Language("Gleam", named("gleam.toml")),
            new Language("Swift", named("Package.swift")),
            new Language("Dart", named("pubspec.yaml")),
            new Language("Haskell", n -> n.endsWith(".cabal") || n.equals("stack.yaml")),
            new Language("Perl", named("cpanfile", "Makefile.PL")));

    private UnrecognizedApp() {
    }

    /** What the top-level files of the app in {@code container} say about it, as sentences ending in a space; empty when nothing. */
    static String hint(BuildContainer container) {
        try {
            String hint = hint(List.of(container.capture(List.of("ls", "-1A", "/workspace"), BuildContainer.USER)
                    .split("\n")));
            return hint.isEmpty() ? "" : hint + " ";
        } catch (RuntimeException e) {
            return ""; // the failure to detect is what the user needs to hear about
        }
    }

    /** Sentences for the push log about the app whose top-level entries are {@code names}; empty when none applies. */
    static String hint(List<String> names) {
        List<String> hints = new ArrayList<>();
        for (Language language : UNSUPPORTED) {
            names.stream().filter(language.file()).findFirst().ifPresent(file -> hints.add("It looks like a "
                    + language.name() + " app (" + file + "), and Slipway has no buildpack for " + language.name()
                    + ": deploy it with a Dockerfile, or name a buildpack for it with config:set APP"
                    + " BUILDPACK_URL=<git URL of a Heroku or Cloud Native buildpack>."));
        }
        if (!names.contains("package.json")) {
            names.stream().filter(named("server.js", "app.js", "index.js", "main.js", "server.mjs", "index.mjs"))
                    .findFirst().ifPresent(main -> hints.add(main + " is there but no package.json: a Node.js app needs"
                            + " one (npm init -y), with \"start\": \"node " + main + "\" in its scripts."));
        }
        names.stream().filter(named("environment.yml", "environment.yaml")).findFirst().ifPresent(file -> hints.add(
                file + " (Conda) is not read: list the app's packages in requirements.txt (pip) instead."));
        if (names.contains("htdocs")) {
            hints.add("For a static site in htdocs/, say where it is: config:set APP NGINX_ROOT=htdocs.");
        }
        return String.join(" ", hints);
    }

    private static Predicate<String> named(String... names) {
        List<String> list = List.of(names);
        return list::contains;
    }
}
