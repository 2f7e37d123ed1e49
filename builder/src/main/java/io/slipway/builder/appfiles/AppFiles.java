package io.slipway.builder.appfiles;

import io.slipway.core.AppManifest;
import io.slipway.core.AppManifest.Formation;
import io.slipway.core.InvalidInputException;
import io.slipway.core.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app files a repository may carry, read and checked before anything is built, and merged
 * into the release manifest. Precedence, later wins: the buildpack's default processes, profile
 * {@code command}, app.yaml {@code entrypoint}, manifest.yml {@code command}, the Procfile;
 * formation from app.json, then app.yaml instances, then manifest.yml instances and memory, then
 * profile scale and memory.
 */
public final class AppFiles {

    private final Optional<Procfile> procfile;
    private final Optional<AppJson> appJson;
    private final Optional<AppYaml> appYaml;
    private final Optional<CfManifest> cf;
    private final Optional<NapProfile> profile;
    /** Notes on other platforms' files that are not read (Cloud Foundry's manifest.yml, nixpacks.toml). */
    private final List<String> foreign;
    private final Optional<ProjectToml> project;

    private AppFiles(Optional<Procfile> procfile, Optional<AppJson> appJson, Optional<AppYaml> appYaml,
                     Optional<CfManifest> cf, Optional<NapProfile> profile, List<String> foreign,
                     Optional<ProjectToml> project) {
        this.procfile = procfile;
        this.appJson = appJson;
        this.appYaml = appYaml;
        this.cf = cf;
        this.profile = profile;
        this.foreign = foreign;
        this.project = project;
    }

    /** @throws io.slipway.core.BuildFailedException naming the file, line and reason */
    public static AppFiles read(SourceTree source) {
        Optional<Procfile> procfile = source.file("Procfile").map(bytes -> {
            try {
                return Procfile.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (InvalidInputException e) {
                throw new io.slipway.core.BuildFailedException(AppFileError.PHASE, e.getMessage());
            }
        });
        Optional<AppJson> appJson = source.file(AppJson.FILE).map(AppJson::parse);
        List<String> foreign = new java.util.ArrayList<>();
        Optional<CfManifest> cf = source.file("manifest.yml").map(b -> CfManifest.parse("manifest.yml", b))
                .or(() -> source.file("manifest.yaml").map(b -> CfManifest.parse("manifest.yaml", b)));
        cf.map(CfManifest::note).filter(note -> !note.isEmpty()).ifPresent(foreign::add);
        source.file(NixpacksToml.FILE).map(NixpacksToml::note).ifPresent(foreign::add);
        source.file(RenderYaml.FILE).map(RenderYaml::note).ifPresent(foreign::add);
        source.file(FlyToml.FILE).map(FlyToml::note).ifPresent(foreign::add);
        source.file(AppYaml.FILE).flatMap(AppYaml::sessionAffinityNote).ifPresent(foreign::add);
        Map<String, byte[]> ebConfigs = new java.util.TreeMap<>();
        source.files(EbExtensions.DIRECTORY).stream().filter(f -> f.endsWith(".config"))
                .forEach(f -> source.file(f).ifPresent(b -> ebConfigs.put(f, b)));
        Optional.of(EbExtensions.note(ebConfigs)).filter(n -> !n.isEmpty()).ifPresent(foreign::add);
        // Said only when app.json does not already give what they would.
        if (appJson.map(j -> j.healthchecks().isEmpty()).orElse(true)) {
            source.file(DokkuFiles.CHECKS).map(DokkuFiles::checksNote).ifPresent(foreign::add);
        }
        if (appJson.map(j -> j.formation().isEmpty()).orElse(true)) {
            source.file(DokkuFiles.SCALE).map(DokkuFiles::scaleNote).ifPresent(foreign::add);
        }
        source.file(DokkuFiles.SUBMODULES).map(b -> DokkuFiles.SUBMODULES_NOTE).ifPresent(foreign::add);
        RailwayFiles.FILES.forEach(file -> source.file(file).map(b -> RailwayFiles.note(file, b)).ifPresent(foreign::add));
        source.file(ScalingoFiles.APP).map(b -> ScalingoFiles.APP_NOTE).ifPresent(foreign::add);
        source.file(ScalingoFiles.CRON).map(ScalingoFiles::cronNote).ifPresent(foreign::add);
        DoAppSpec.FILES.stream().flatMap(file -> source.file(file).map(b -> DoAppSpec.note(file, b)).stream()).findFirst()
                .ifPresent(foreign::add);
        return new AppFiles(procfile, appJson,
                source.file(AppYaml.FILE).map(AppYaml::parse), cf, source.file(NapProfile.FILE).map(NapProfile::parse),
                foreign, source.file(ProjectToml.FILE).map(ProjectToml::parse));
    }

    /**
     * The build's environment from the app files: manifest.yml's env (Cloud Foundry stages with
     * it), then project.toml's; config vars override both.
     */
    public Map<String, String> buildEnv() {
        Map<String, String> env = new LinkedHashMap<>(cf.map(CfManifest::env).orElse(Map.of()));
        project.ifPresent(p -> env.putAll(p.env()));
        return env;
    }

    /** project.toml's exclude patterns (.gitignore syntax, as .slugignore's). */
    public List<String> buildExcludes() {
        return project.map(ProjectToml::exclude).orElse(List.of());
    }

    /** Buildpacks named in app.json ({@code buildpacks[].url}), in order. */
    public List<String> buildpacks() {
        return appJson.map(AppJson::buildpacks).orElse(List.of());
    }

    /** The bundled buildpacks Cloud Foundry's manifest.yml names, in order. */
    public List<String> manifestBuildpacks() {
        return cf.map(CfManifest::buildpacks).orElse(List.of());
    }

    /** What the app files ask for that is ignored here, for the push log. */
    public List<String> notes() {
        List<String> notes = new java.util.ArrayList<>(appJson.map(j -> j.addons().notes()).orElse(List.of()));
        notes.addAll(foreign);
        project.ifPresent(p -> notes.addAll(p.notes()));
        return notes;
    }

    public boolean hasProcfile() {
        return procfile.isPresent();
    }

    /** Config vars app.json asks to generate as secrets when unset. */
    public List<String> generatedSecrets() {
        return appJson.map(j -> j.env().entrySet().stream().filter(e -> e.getValue().generateSecret())
                .map(Map.Entry::getKey).toList()).orElse(List.of());
    }

    /** Config vars app.json marks required that have no default. */
    public List<String> requiredEnv() {
        return appJson.map(j -> j.env().entrySet().stream().filter(e -> e.getValue().required()
                && !e.getValue().generateSecret()).map(Map.Entry::getKey).toList()).orElse(List.of());
    }

    /** App Engine's {@code serve [DIR/]FILE.php}; group 1 is DIR, when there is one. */
    private static final java.util.regex.Pattern APP_ENGINE_SERVE =
            java.util.regex.Pattern.compile("serve\\s+(?:\\./)?(?:([A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*)/)?[A-Za-z0-9._-]+\\.php");

    /** The manifest for an image whose own default processes are {@code imageProcesses}. */
    public AppManifest manifest(Map<String, String> imageProcesses, int port, boolean launcher) {
        return manifest(imageProcesses, port, launcher, Map.of());
    }

    /**
     * The manifest for an image whose own default processes are {@code imageProcesses}, with
     * {@code envDefaults} (settings the build had that are read at launch) under the app files' env.
     */
    public AppManifest manifest(Map<String, String> imageProcesses, int port, boolean launcher,
                                Map<String, String> envDefaults) {
        Map<String, String> processes = new LinkedHashMap<>(imageProcesses);
        profile.filter(p -> !p.command().isEmpty()).ifPresent(p -> processes.put("web", p.command()));
        // App Engine's PHP front controller (entrypoint: serve public/index.php) is the PHP buildpack's
        // own web server, rooted where the controller is: `serve` exists on App Engine only.
        java.util.regex.Matcher serve = APP_ENGINE_SERVE.matcher(appYaml.map(AppYaml::entrypoint).orElse("").strip());
        boolean served = serve.matches() && processes.containsKey("web");
        appYaml.filter(y -> !y.entrypoint().isEmpty() && !served).ifPresent(y -> processes.put("web", y.entrypoint()));
        cf.filter(m -> !m.command().isEmpty()).ifPresent(m -> processes.put("web", m.command()));
        procfile.ifPresent(p -> processes.putAll(p.processes()));

        Map<String, Formation> formation = new LinkedHashMap<>(appJson.map(AppJson::formation).orElse(Map.of()));
        appYaml.filter(y -> y.instances() >= 0).ifPresent(y -> merge(formation, "web",
                new Formation(y.instances(), Formation.UNSET)));
        cf.filter(m -> m.instances() >= 0 || m.memoryBytes() > 0).ifPresent(m -> merge(formation, "web",
                new Formation(m.instances() >= 0 ? m.instances() : Formation.UNSET,
                        m.memoryBytes() > 0 ? m.memoryBytes() : Formation.UNSET)));
        profile.ifPresent(p -> merge(formation, "web", new Formation(p.scale(), p.memoryBytes())));

        Map<String, String> env = new LinkedHashMap<>(envDefaults);
        appJson.ifPresent(j -> j.env().forEach((k, v) -> {
            if (!v.generateSecret() && !v.value().isEmpty()) {
                env.put(k, v.value());
            }
        }));
        if (served && serve.group(1) != null) {
            env.putIfAbsent("DOCUMENT_ROOT", serve.group(1));
        }
        appYaml.ifPresent(y -> env.putAll(y.env()));
        cf.ifPresent(m -> {
            env.putAll(m.env());
            // Cloud Foundry always sets it, to {} when no service is bound, and its apps read it as is.
            env.putIfAbsent("VCAP_SERVICES", "{}");
        });

        return new AppManifest(processes, formation, appJson.map(AppJson::healthchecks).orElse(Map.of()),
                appJson.map(AppJson::cron).orElse(List.of()), appJson.map(AppJson::predeploy).orElse(""),
                appJson.map(AppJson::postdeploy).orElse(""), env, port, launcher,
                appJson.map(j -> j.addons().plans()).orElse(List.of()), appJson.map(AppJson::firstDeploy).orElse(""));
    }

    private static void merge(Map<String, Formation> formation, String type, Formation over) {
        formation.merge(type, over, Formation::overriddenBy);
    }
}
