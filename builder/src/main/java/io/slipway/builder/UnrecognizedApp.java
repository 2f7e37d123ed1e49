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
            new Language("Deno", named("deno.json", "deno.jsonc", "deno.lock", "deps.ts")),
            new Language("Bun", named("bun.lockb", "bun.lock", "bunfig.toml")),
            new Language("Crystal", named("shard.yml")),
            new Language("Zig", named("build.zig")),
            new Language("Gleam", named("gleam.toml")),
            new Language("Swift", named("Package.swift")),
            new Language("Dart", named("pubspec.yaml")),
            new Language("Haskell", n -> n.endsWith(".cabal") || n.equals("stack.yaml")),
            new Language("Perl", named("cpanfile", "Makefile.PL")));

    private UnrecognizedApp() {
    }

    /** The push's failure when no bundled buildpack detected the app in {@code container}. */
    static String message(BuildContainer container, List<String> bundled) {
        List<String> names;
        try {
            // The top-level entries, and the package files one directory down (a monorepo's apps).
            names = List.of(container.capture(List.of("sh", "-c", "cd /workspace && ls -1A && ls -1d " + String.join(" ",
                    PackageFiles.BUILDPACKS.keySet().stream().map(m -> "*/" + m).toList()) + " 2>/dev/null; true"),
                    BuildContainer.USER).split("\n"));
        } catch (RuntimeException e) {
            names = List.of(); // the failure to detect is what the user needs to hear about
        }
        return message(names, bundled);
    }

    /** The push's failure for an app whose top-level entries are {@code names}. */
    static String message(List<String> names, List<String> bundled) {
        String hint = hint(names);
        String message = "no buildpack detected this app. " + (hint.isEmpty() ? "" : hint + " ")
                + "Bundled buildpacks: " + String.join(", ", bundled) + ".";
        if (!hint.isEmpty()) {
            return message; // the hint said what to do
        }
        return message + " Add the file the language needs (e.g. package.json, requirements.txt, pom.xml, go.mod,"
                + " composer.json, index.html), a Procfile, or a Dockerfile; or name a buildpack with config:set APP"
                + " BUILDPACK_URL=...";
    }

    /** Sentences for the push log about the app whose top-level entries are {@code names}; empty when none applies. */
    static String hint(List<String> names) {
        List<String> hints = new ArrayList<>();
        for (Language language : UNSUPPORTED) {
            names.stream().filter(language.file()).findFirst().ifPresent(file -> hints.add("It looks like "
                    + ("AEIOU".indexOf(language.name().charAt(0)) >= 0 ? "an " : "a ") + language.name() + " app (" + file + "), and Slipway has no buildpack for " + language.name()
                    + ": deploy it with a Dockerfile, or name a buildpack for it with config:set APP"
                    + " BUILDPACK_URL=<git URL of a Heroku or Cloud Native buildpack>."));
        }
        names.stream().filter(named("hugo.toml", "hugo.yaml", "hugo.json")).findFirst()
                .or(() -> names.contains("content") || names.contains("archetypes") || names.contains("themes")
                        ? names.stream().filter(named("config.toml", "config.yaml")).findFirst() : java.util.Optional.empty())
                .ifPresent(file -> hints.add("It looks like a Hugo site (" + file + "), and Slipway has no buildpack"
                        + " that runs Hugo: build it with hugo and push what it makes in public/ (the static buildpack"
                        + " serves a directory with an index.html), or deploy it with a Dockerfile."));
        if (!names.contains("package.json")) {
            names.stream().filter(named("server.js", "app.js", "index.js", "main.js", "server.mjs", "index.mjs"))
                    .findFirst().ifPresent(main -> hints.add(main + " is there but no package.json: a Node.js app needs"
                            + " one (npm init -y), with \"start\": \"node " + main + "\" in its scripts."));
        }
        names.stream().filter(named("environment.yml", "environment.yaml")).findFirst().ifPresent(file -> hints.add(
                file + " (Conda) is not read: list the app's packages in requirements.txt (pip) instead."));
        if (hints.isEmpty()) {
            names.stream().filter(named("start.sh")).findFirst()
                    .or(() -> names.stream().filter(n -> n.endsWith(".sh") && !n.contains("/")).findFirst())
                    .ifPresent(script -> hints.add(script + " is there: a shell script app runs from a Procfile that"
                            + " names it (web: bash " + script + "), on the stack's bash and tools."));
        }
        List<String> nested = names.stream().filter(n -> n.contains("/")).toList();
        if (!nested.isEmpty() && hints.isEmpty()) {
            String directory = nested.get(0).substring(0, nested.get(0).indexOf('/'));
            hints.add("The app's files are in a subdirectory (" + String.join(", ", nested.subList(0, Math.min(4,
                    nested.size()))) + "): push that directory as its own repository, e.g. git subtree push --prefix "
                    + directory + " paas master.");
        }
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
