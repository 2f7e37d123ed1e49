package io.slipway.builder.appfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import io.slipway.core.AppManifest;
import io.slipway.core.AppManifest.CronJob;
import io.slipway.core.AppManifest.Formation;
import io.slipway.core.AppManifest.HealthCheck;
import io.slipway.core.BuildFailedException;
import io.slipway.core.SourceTree;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppFilesTest {

    private static final long MIB = 1L << 20;
    private static final Map<String, String> NO_IMAGE_PROCESSES = Map.of();

    /** The files of a commit, from a map of path → text. */
    private record FakeSource(Map<String, String> files) implements SourceTree {

        @Override
        public Optional<byte[]> file(String path) {
            return Optional.ofNullable(files.get(path)).map(text -> text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public List<String> files(String directory) {
            return files.keySet().stream().filter(p -> p.startsWith(directory + "/")
                    && p.indexOf('/', directory.length() + 1) < 0).toList();
        }

        @Override
        public void writeTar(OutputStream out, int uid, int gid, List<String> excludes) {
            throw new UnsupportedOperationException("not needed to read app files");
        }

        @Override
        public String revision() {
            return "0000000";
        }
    }

    private static AppFiles read(String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return AppFiles.read(new FakeSource(files));
    }

    private static AppManifest manifest(AppFiles files) {
        return files.manifest(NO_IMAGE_PROCESSES, AppManifest.DEFAULT_PORT, true);
    }

    private static AppManifest manifestOf(String... pathsAndTexts) {
        return manifest(read(pathsAndTexts));
    }

    @Test
    void aCloudFoundryManifestGivesItsCommandEnvInstancesMemoryAndBuildpacks() {
        AppFiles files = read("manifest.yml", """
                ---
                applications:
                - name: web
                  command: ./web --port $PORT
                  instances: 2
                  memory: 256M
                  buildpacks: [nodejs_buildpack, https://github.com/cloudfoundry/go-buildpack.git#v1.10.0]
                  env:
                    GOPACKAGENAME: example.com/app
                    DEBUG: true
                  services: [db]
                """);
        AppManifest manifest = manifest(files);

        assertThat(manifest.processes()).containsEntry("web", "./web --port $PORT");
        assertThat(manifest.formation()).containsOnly(entry("web", new Formation(2, 256L << 20)));
        assertThat(manifest.env()).containsOnly(entry("GOPACKAGENAME", "example.com/app"), entry("DEBUG", "true"),
                entry("VCAP_SERVICES", "{}"));
        assertThat(files.buildEnv()).containsOnly(entry("GOPACKAGENAME", "example.com/app"), entry("DEBUG", "true"));
        assertThat(files.buildpacks()).isEmpty();
        assertThat(files.manifestBuildpacks()).containsExactly("slipway/nodejs", "slipway/go");
        assertThat(files.notes()).containsExactly("manifest.yml (Cloud Foundry's): using its command (web, unless the"
                + " Procfile has a web line), env (GOPACKAGENAME, DEBUG; config vars win), instances (2), memory (256M),"
                + " buildpacks (slipway/nodejs, slipway/go); not used: services (create add-ons: addons:create APP postgres)");
        assertThat(read().notes()).isEmpty();
        assertThat(read("manifest.yml", "applications:\n- name: web\n").notes()).as("nothing to say").isEmpty();
    }

    @Test
    void elasticBeanstalksEbextensionsAreNotReadAndThePushSaysWhatToDoInstead() {
        AppFiles files = read(".ebextensions/options.config", """
                option_settings:
                  aws:elasticbeanstalk:application:environment:
                    THEME: flatly
                    NODE_ENV: production
                    TABLE: '`{"Ref" : "SignupsTable"}`'
                  aws:elasticbeanstalk:container:nodejs:
                    NodeCommand: npm start
                  aws:elasticbeanstalk:environment:proxy:staticfiles:
                    /static: static
                """, ".ebextensions/db.config", """
                {"container_commands": {"01_migrate": {"command": "npm run migrate", "leader_only": true}},
                 "option_settings": [{"option_name": "GREETING", "value": "hello world"}],
                 "packages": {"yum": {"git": []}}}
                """, ".ebextensions/notes.txt", "not a config");

        assertThat(files.notes()).containsExactly(".ebextensions/ (Elastic Beanstalk's) is not read: set its environment"
                + " properties with config:set APP \"GREETING='hello world'\" THEME=flatly NODE_ENV=production; give TABLE"
                + " a value of your own (there, it is an AWS CloudFormation reference); put its"
                + " NodeCommand in a Procfile (web: npm start); its container_commands run before each deploy from a"
                + " Procfile release line (release: npm run migrate); its static files (/static → static) are served by"
                + " the app here, not by a proxy in front of it; its packages are not run (the build installs what the"
                + " app's package files say)");
        assertThat(read(".ebextensions/readme.md", "# none").notes()).isEmpty();
    }

    @Test
    void aCloudFoundryManifestGivesWayToTheProcfileAndAppJsonAndToDetectionForBuildpacksNotBundled() {
        AppFiles files = read("manifest.yml", "---\ncommand: node old.js\ninstances: two\nbuildpack: ruby_buildpack\n",
                "Procfile", "web: node server.js\n", "app.json", "{\"formation\": {\"web\": {\"quantity\": 3}}}");

        assertThat(manifest(files).processes()).containsEntry("web", "node server.js");
        assertThat(manifest(files).formation()).containsOnly(entry("web", new Formation(3, Formation.UNSET)));
        assertThat(files.manifestBuildpacks()).isEmpty();
        assertThat(files.notes()).singleElement().asString().contains("not used: instances two (not a whole number);"
                + " buildpacks ruby_buildpack (Slipway bundles Node.js, Go, PHP, Java, Python and static ones; detection chooses)");
        assertThat(read("manifest.yml", "{not yaml").notes()).singleElement().asString()
                .isEqualTo("manifest.yml (Cloud Foundry's) is not YAML and is not read: put its command in a Procfile"
                        + " (web: COMMAND), its env in config:set, its instances in ps:scale");
        assertThat(read("manifest.yml", "- a list\n").notes()).singleElement().asString()
                .startsWith("manifest.yml (Cloud Foundry's) has no application settings and is not read");
    }

    @Test
    void aCloudFoundryManifestForAnotherDirectoryOrWithCloudFoundryOnlyPathsGivesItsEnvOnly() {
        AppFiles backend = read("manifest.yml", """
                applications:
                - name: api
                  path: backend
                  command: ./run
                  instances: 3
                  buildpacks: [go_buildpack]
                  env: {MODE: api, EMPTY: }
                """);

        assertThat(manifest(backend).processes()).doesNotContainKey("web");
        assertThat(manifest(backend).formation()).isEmpty();
        assertThat(manifest(backend).env()).containsOnly(entry("MODE", "api"), entry("VCAP_SERVICES", "{}"));
        assertThat(backend.manifestBuildpacks()).isEmpty();
        assertThat(backend.notes()).singleElement().asString().isEqualTo("manifest.yml (Cloud Foundry's): using its env"
                + " (MODE; config vars win); not used: env EMPTY (not a NAME: value); path backend (another directory's"
                + " app): command, instances, memory and buildpacks (the app is built from the repository's root;"
                + " BUILDPACK_URL or a Procfile chooses there)");
        AppFiles java = read("manifest.yml", "applications:\n- name: boot\n  path: target/app.jar\n"
                + "  command: $PWD/.java-buildpack/open_jdk_jre/bin/java -jar app.jar\n");
        assertThat(manifest(java).processes()).doesNotContainKey("web");
        assertThat(java.notes()).singleElement().asString().contains("not used: command $PWD/.java-buildpack/")
                .contains("path (the app is built from its source)");
        assertThat(read("nixpacks.toml", "[start]\ncmd = \"node dist/main.js\"\n\n[variables]\nNODE_ENV = \"production\"\n")
                .notes()).containsExactly("nixpacks.toml (Nixpacks') is not read: put its start command in a Procfile"
                        + " (web: node dist/main.js), its variables (NODE_ENV) in config:set, the buildpack installs and"
                        + " builds what the app's package files say");
    }

    @Test
    void dokkusOlderFilesAndSubmodulesGetANoteWithWhatToUseInstead() {
        assertThat(read("CHECKS", "WAIT=5\nATTEMPTS=6\n# the home page\n/ nodejs/express\n/health\n").notes())
                .containsExactly("CHECKS (Dokku's older deploy checks) is not read: give them as app.json healthchecks"
                        + " (\"healthchecks\": {\"web\": [{\"type\": \"startup\", \"path\": \"/\", \"content\":"
                        + " \"nodejs/express\"}, {\"type\": \"startup\", \"path\": \"/health\"}]}); until then a new"
                        + " release is live once it listens on $PORT");
        assertThat(read("DOKKU_SCALE", "web=1\nworker=2\n").notes()).containsExactly("DOKKU_SCALE (Dokku's older scale"
                + " file) is not read: give the counts as app.json formation (\"formation\": {\"web\": {\"quantity\": 1},"
                + " \"worker\": {\"quantity\": 2}}), or set them with ps:scale");
        assertThat(read("CHECKS", "/ nodejs/express\n", "DOKKU_SCALE", "web=1\n", "app.json", """
                {"healthchecks": {"web": [{"type": "startup", "path": "/", "content": "nodejs/express"}]},
                 "formation": {"web": {"quantity": 1}}}""").notes()).as("app.json gives both already").isEmpty();
        assertThat(read(".gitmodules", "[submodule \"lib\"]\n\tpath = lib\n").notes()).singleElement().asString()
                .startsWith(".gitmodules: the app's git submodules are not part of the push");
    }

    @Test
    void flysConfigIsNotReadAndThePushSaysWhatToDoInstead() {
        assertThat(read("fly.toml", """
                app = "shop"
                primary_region = "ams"

                [env]
                  NODE_ENV = "production"

                [deploy]
                  release_command = "npx prisma migrate deploy"

                [processes]
                  app = "node server.js"
                  worker = "node worker.js"

                [http_service]
                  internal_port = 8080
                  force_https = true
                """).notes()).containsExactly("fly.toml (Fly.io's) is not read: put its commands in a Procfile (web:"
                        + " node server.js; worker: node worker.js; release: npx prisma migrate deploy), set its env with"
                        + " config:set APP NODE_ENV=production, Fly routes to port 8080 and Slipway to $PORT: an app that"
                        + " listens on 8080 whatever $PORT says needs config:set APP PORT=8080");
        assertThat(read("fly.toml", "app = \"hello\"\n\n[[services]]\n  internal_port = 3000\n  protocol = \"tcp\"\n")
                .notes()).singleElement().asString().startsWith("fly.toml (Fly.io's) is not read: the start command goes in a"
                        + " Procfile (web: COMMAND) unless the buildpack's default is right").endsWith("config:set APP PORT=3000");
    }

    @Test
    void railwaysAndRailpacksConfigIsNotReadAndThePushSaysWhatToDoInstead() {
        assertThat(read("railway.json", """
                {"$schema": "https://railway.com/railway.schema.json",
                 "build": {"builder": "RAILPACK", "buildCommand": "npm run build:server"},
                 "deploy": {"startCommand": "node dist/server.js", "preDeployCommand": ["npm run migrate"],
                            "healthcheckPath": "/health", "restartPolicyType": "ON_FAILURE"}}
                """).notes()).containsExactly("railway.json (Railway's) is not read: put its commands in a Procfile"
                        + " (web: node dist/server.js; release: npm run migrate), its health check in app.json"
                        + " (\"healthchecks\": {\"web\": [{\"type\": \"startup\", \"path\": \"/health\"}]}), the buildpack"
                        + " installs the dependencies itself; anything else its build command (npm run build:server) does"
                        + " belongs in package.json's build script or bin/post_compile");
        assertThat(read("railway.toml", "[deploy]\nstartCommand = \"node cleanup.js\"\ncronSchedule = \"0 3 * * *\"\n")
                .notes()).containsExactly("railway.toml (Railway's) is not read: run it as a cron job in app.json"
                        + " (\"cron\": [{\"command\": \"node cleanup.js\", \"schedule\": \"0 3 * * *\"}])");
        assertThat(read("railpack.json", "{\"deploy\": {\"startCommand\": \"bash start.sh\"}, \"packages\": {\"node\": \"22\"}}")
                .notes()).containsExactly("railpack.json (Railpack's) is not read: put its start command in a Procfile"
                        + " (web: bash start.sh), choose versions as the language's buildpack reads them (engines.node,"
                        + " .python-version, go.mod's go line, system.properties' java.runtime.version)");
        assertThat(read("railway.json", "{\"build\": {\"builder\": \"NIXPACKS\"}}").notes()).containsExactly(
                "railway.json (Railway's) is not read: put its start command in a Procfile (web: COMMAND), the buildpack"
                        + " installs and builds what the app's package files say");
        assertThat(read("railway.json", "{not json").notes()).singleElement().asString()
                .startsWith("railway.json (Railway's) is not read: put its start command in a Procfile (web: COMMAND)");
    }

    @Test
    void aRenderBlueprintIsNotReadAndThePushSaysWhatToDoInstead() {
        String blueprint = """
                databases:
                  - name: mysitedb
                    plan: free
                services:
                  - type: web
                    name: mysite
                    runtime: python
                    buildCommand: "./build.sh"
                    startCommand: "python -m gunicorn mysite.asgi:application -k uvicorn.workers.UvicornWorker"
                    preDeployCommand: python manage.py migrate
                    envVars:
                      - key: DATABASE_URL
                        fromDatabase:
                          name: mysitedb
                          property: connectionString
                      - key: SECRET_KEY
                        generateValue: true
                      - key: WEB_CONCURRENCY
                        value: 4
                      - key: REDIS_URL
                        fromService:
                          type: keyvalue
                          name: cache
                          property: connectionString
                  - type: worker
                    name: jobs
                    startCommand: celery -A mysite worker
                  - type: cron
                    name: nightly
                    schedule: "0 3 * * *"
                    startCommand: python manage.py clearsessions
                  - type: keyvalue
                    name: cache
                """;

        assertThat(read("render.yaml", blueprint).notes()).containsExactly("render.yaml (Render's) is not read: put its"
                + " commands in a Procfile (web: python -m gunicorn mysite.asgi:application -k uvicorn.workers.UvicornWorker;"
                + " release: python manage.py migrate; worker: celery -A mysite worker), its cron jobs in app.json (\"cron\":"
                + " [{\"command\": \"python manage.py clearsessions\", \"schedule\": \"0 3 * * *\"}]), the buildpack"
                + " installs the dependencies itself; anything else its build command (./build.sh) does belongs in"
                + " package.json's build script or bin/post_compile, set its values with config:set APP WEB_CONCURRENCY=4,"
                + " set SECRET_KEY (which Render generates) to a secret of your own with config:set, addons:create APP"
                + " postgres for its database (DATABASE_URL), addons:create APP redis for its key-value store (REDIS_URL)");
        assertThat(read("render.yaml", "{not yaml").notes()).containsExactly("render.yaml (Render's) is not read: put its"
                + " start command in a Procfile (web: COMMAND)");
    }

    @Test
    void aDigitalOceanAppSpecIsNotReadAndThePushSaysWhatToDoInstead() {
        String spec = """
                spec:
                  name: sample-laravel
                  services:
                  - name: web
                    environment_slug: php
                    run_command: heroku-php-apache2 public/
                    http_port: 8080
                    envs:
                    - key: APP_ENV
                      value: production
                    - key: APP_KEY
                      value: base64:abc
                      type: SECRET
                    - key: DATABASE_URL
                      value: ${db.DATABASE_URL}
                  jobs:
                  - name: migrate
                    kind: PRE_DEPLOY
                    run_command: php artisan migrate --force
                  databases:
                  - name: db
                    engine: PG
                """;

        assertThat(read(".do/deploy.template.yaml", spec).notes()).containsExactly(".do/deploy.template.yaml"
                + " (DigitalOcean App Platform's) is not read: put its commands in a Procfile (web: heroku-php-apache2"
                + " public/; release: php artisan migrate --force), set its envs with config:set APP APP_ENV=production"
                + " (and its secrets, which it does not hold), App Platform routes to http_port 8080 and Slipway to"
                + " $PORT: an app that listens on 8080 whatever $PORT says needs config:set APP PORT=8080, addons:create"
                + " APP postgres for its database");
        assertThat(read(".do/app.yaml", "services:\n- name: web\n  dockerfile_path: Dockerfile.1stage\n"
                + "static_sites:\n- name: site\n  source_dir: /\n").notes()).containsExactly(".do/app.yaml (DigitalOcean"
                + " App Platform's) is not read: a Dockerfile is built only when it is ./Dockerfile (dockerfile_path:"
                + " Dockerfile.1stage)");
        assertThat(read(".do/app.yaml", "static_sites:\n- name: site\n  source_dir: ./\n").notes())
                .containsExactly(".do/app.yaml (DigitalOcean App Platform's) is not read, and nothing in it needs doing here");
        assertThat(read(".do/app.yaml", "services:\n- name: api\n  source_dir: api\n  build_command: npm run build\n"
                + "databases:\n- name: docs\n  engine: MONGODB\n").notes()).singleElement().asString()
                .contains("push the component's directory as its own repository (source_dir: api)")
                .contains("a build_command's other steps belong in package.json's build script").doesNotContain("addons:create");
    }

    @Test
    void scalingosAppJsonAndCronJsonAreNotReadAndThePushSaysWhatToDoInstead() {
        assertThat(read("scalingo.json", "{\"addons\": [\"redis:redis-sandbox\"]}").notes()).singleElement().asString()
                .startsWith("scalingo.json (Scalingo's app.json) is not read: rename it app.json");
        assertThat(read("cron.json", "{\"jobs\": [{\"command\": \"*/2 * * * * php artisan schedule:run\", \"size\": \"S\"},"
                + " {\"command\": \"@daily node purge.js\"}]}").notes()).containsExactly("cron.json (Scalingo's) is not"
                + " read: put its jobs in app.json's cron (\"cron\": [{\"command\": \"php artisan schedule:run\", \"schedule\":"
                + " \"*/2 * * * *\"}, {\"command\": \"node purge.js\", \"schedule\": \"@daily\"}])");
        assertThat(read("cron.json", "{\"not\": \"scalingo's\"}").notes()).isEmpty();
    }

    @Test
    void projectTomlGivesTheBuildItsEnvironmentAndExcludes() {
        AppFiles files = read("project.toml", "[[build.env]]\nname = \"BP_JVM_VERSION\"\nvalue = \"17\"\n\n[build]\nexclude = [\"docs/\"]\n");

        assertThat(files.buildEnv()).containsOnly(entry("BP_JVM_VERSION", "17"));
        assertThat(files.buildExcludes()).containsExactly("docs/");
        assertThat(read().buildEnv()).isEmpty();
    }

    @Test
    void readWhenTheRepositoryHasNoAppFilesGivesTheImageProcessesAndNothingElse() {
        AppFiles files = read();

        AppManifest manifest = files.manifest(Map.of("web", "node server.js"), 5000, true);

        assertThat(files.hasProcfile()).isFalse();
        assertThat(files.buildpacks()).isEmpty();
        assertThat(files.generatedSecrets()).isEmpty();
        assertThat(files.requiredEnv()).isEmpty();
        assertThat(manifest.processes()).containsOnly(entry("web", "node server.js"));
        assertThat(manifest.formation()).isEmpty();
        assertThat(manifest.healthchecks()).isEmpty();
        assertThat(manifest.cron()).isEmpty();
        assertThat(manifest.predeploy()).isEmpty();
        assertThat(manifest.postdeploy()).isEmpty();
        assertThat(manifest.env()).isEmpty();
        assertThat(manifest.port()).isEqualTo(5000);
        assertThat(manifest.launcher()).isTrue();
    }

    @Test
    void readWhenProcfileIsBrokenRefusesStartingWithProcfileAndTheLine() {
        assertThatThrownBy(() -> read("Procfile", "web: node server.js\n\nthis is not a process line\n"))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith("Procfile line 3")
                .satisfies(e -> assertThat(((BuildFailedException) e).phase()).isEqualTo("app files"));
    }

    @Test
    void hasProcfileWhenProcfileIsPresentIsTrue() {
        assertThat(read("Procfile", "web: node server.js").hasProcfile()).isTrue();
    }

    @Nested
    class AppJsonFile {

        @Test
        void readsFormationQuantityAndMemory() {
            AppManifest manifest = manifestOf("app.json", """
                    {"formation": {"web": {"quantity": 2, "memory": "512m"}, "worker": {"quantity": 0}}}
                    """);

            assertThat(manifest.formation()).containsOnly(
                    entry("web", new Formation(2, 512 * MIB)),
                    entry("worker", new Formation(0, Formation.UNSET)));
        }

        @Test
        void commentsAreAllowedAsDokkuAllowsThem() {
            AppManifest manifest = manifestOf("app.json", """
                    {
                      // Dokku's own test apps comment their app.json
                      "formation": {"web": {"quantity": 2 /* two instances */}}
                    }
                    """);

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(2, Formation.UNSET)));
        }

        @Test
        void formationWithoutQuantityLeavesItUnset() {
            AppManifest manifest = manifestOf("app.json", "{\"formation\": {\"web\": {\"memory\": \"1g\"}}}");

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(Formation.UNSET, 1024 * MIB)));
        }

        @Test
        void formationWhenQuantityIsNegativeRefusesNamingTheField() {
            assertThatThrownBy(() -> read("app.json", "{\"formation\": {\"web\": {\"quantity\": -1}}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("app.json")
                    .hasMessageContaining("formation.web.quantity");
        }

        @Test
        void formationWhenQuantityIsTextOrFractionRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"formation\": {\"web\": {\"quantity\": \"2\"}}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("formation.web.quantity");
            assertThatThrownBy(() -> read("app.json", "{\"formation\": {\"web\": {\"quantity\": 1.5}}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("formation.web.quantity");
        }

        @Test
        void formationWhenMemoryIsNotASizeRefusesNamingTheField() {
            assertThatThrownBy(() -> read("app.json", "{\"formation\": {\"web\": {\"memory\": \"lots\"}}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("formation.web.memory")
                    .hasMessageContaining("lots");
        }

        @Test
        void healthchecksWhenOnlyTypeIsGivenUseDokkuDefaults() {
            AppManifest manifest = manifestOf("app.json", """
                    {"healthchecks": {"web": [{"type": "startup"}]}}
                    """);

            assertThat(manifest.healthchecks()).containsOnlyKeys("web");
            HealthCheck check = manifest.healthchecks().get("web").get(0);
            assertThat(check.type()).isEqualTo("startup");
            assertThat(check.path()).as("no path: the check asks no request").isEmpty();
            assertThat(check.http()).isFalse();
            assertThat(check.warn()).isFalse();
            assertThat(check.scheme()).isEqualTo("http");
            assertThat(check.httpHeaders()).isEmpty();
            assertThat(check.attempts()).isEqualTo(3);
            assertThat(check.timeoutSeconds()).isEqualTo(5);
            assertThat(check.waitSeconds()).isEqualTo(5);
            assertThat(check.initialDelaySeconds()).isZero();
            assertThat(check.port()).isZero();
            assertThat(check.uptimeSeconds()).isZero();
            assertThat(check.content()).isEmpty();
            assertThat(check.command()).isEmpty();
            assertThat(check.listening()).isFalse();
        }

        @Test
        void healthchecksKeepEveryGivenField() {
            AppManifest manifest = manifestOf("app.json", """
                    {"healthchecks": {"web": [
                      {"type": "readiness", "name": "ready", "path": "/healthz", "port": 8080, "attempts": 7,
                       "timeout": 2, "wait": 1, "initialDelay": 10, "content": "ok", "uptime": 4, "listening": true,
                       "httpHeaders": [{"name": "Host", "value": "shop.example.com"}], "scheme": "https", "warn": true},
                      {"type": "liveness", "command": ["cat", "/tmp/alive"]}
                    ]}}
                    """);

            List<HealthCheck> checks = manifest.healthchecks().get("web");
            assertThat(checks).containsExactly(
                    new HealthCheck("readiness", "ready", "/healthz", 8080, 7, 2, 1, 10, "ok", List.of(), 4, true,
                            Map.of("Host", "shop.example.com"), "https", true),
                    new HealthCheck("liveness", "liveness check", "", 0, 3, 5, 5, 0, "", List.of("cat", "/tmp/alive"),
                            0, false, Map.of(), "http", false));
        }

        @Test
        void healthchecksWithABadSchemeOrHeaderRefuse() {
            assertThatThrownBy(() -> read("app.json", "{\"healthchecks\": {\"web\": [{\"scheme\": \"ftp\"}]}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("healthchecks.web[0].scheme 'ftp' must be http or https");
            assertThatThrownBy(() -> read("app.json",
                    "{\"healthchecks\": {\"web\": [{\"httpHeaders\": [{\"name\": \"X Bad\", \"value\": \"1\"}]}]}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("healthchecks.web[0].httpHeaders: 'X Bad' is not a header name");
            assertThatThrownBy(() -> read("app.json",
                    "{\"healthchecks\": {\"web\": [{\"path\": \"/x HTTP/1.0\\r\\nX: y\"}]}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("healthchecks.web[0].path '/x HTTP/1.0??X: y' must start with /");
        }

        @Test
        void healthchecksWhenTypeIsUnknownRefusesNamingTheCheck() {
            assertThatThrownBy(() -> read("app.json", "{\"healthchecks\": {\"web\": [{\"type\": \"warmup\"}]}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("healthchecks.web[0].type")
                    .hasMessageContaining("warmup");
        }

        @Test
        void healthchecksWhenAttemptsIsNegativeOrTextRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"healthchecks\": {\"web\": [{\"attempts\": -2}]}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("healthchecks.web[0].attempts");
            assertThatThrownBy(() -> read("app.json", "{\"healthchecks\": {\"web\": [{}, {\"timeout\": \"5\"}]}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("healthchecks.web[1].timeout");
        }

        @Test
        void healthchecksWhenCommandIsAStringDoesNotDropIt() {
            String json = "{\"healthchecks\": {\"web\": [{\"command\": \"cat /tmp/ready\"}]}}";
            Throwable refused = catchThrowable(() -> read("app.json", json));

            if (refused == null) {
                assertThat(manifestOf("app.json", json).healthchecks().get("web").get(0).command()).isNotEmpty();
            } else {
                assertThat(refused).isInstanceOf(BuildFailedException.class).hasMessageContaining("command");
            }
        }

        @Test
        void healthchecksWhenNotAListRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"healthchecks\": {\"web\": {\"type\": \"startup\"}}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("healthchecks.web must be a list");
        }

        @Test
        void cronWhenScheduleIsValidKeepsEachJobWithAllowByDefault() {
            AppManifest manifest = manifestOf("app.json", """
                    {"cron": [
                      {"command": "python task.py", "schedule": "*/5 * * * *"},
                      {"command": "./cleanup", "schedule": "0 3 * * 1", "concurrency_policy": "forbid"}
                    ]}
                    """);

            assertThat(manifest.cron()).containsExactly(
                    new CronJob("python task.py", "*/5 * * * *", "allow"),
                    new CronJob("./cleanup", "0 3 * * 1", "forbid"));
        }

        @Test
        void cronWhenScheduleIsInvalidRefusesNamingTheJobAndSchedule() {
            assertThatThrownBy(() -> read("app.json", """
                    {"cron": [{"command": "a", "schedule": "* * * * *"}, {"command": "b", "schedule": "every 5 minutes"}]}
                    """))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("cron[1].schedule")
                    .hasMessageContaining("every 5 minutes");
        }

        @Test
        void cronWhenScheduleHasAnOutOfRangeFieldRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"cron\": [{\"command\": \"a\", \"schedule\": \"61 * * * *\"}]}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("cron[0].schedule");
        }

        @Test
        void cronWhenScheduleIsMissingRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"cron\": [{\"command\": \"a\"}]}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("cron[0].schedule");
        }

        @Test
        void cronWhenCommandIsMissingOrBlankRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"cron\": [{\"schedule\": \"*/5 * * * *\"}]}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("cron[0].command is missing");
            assertThatThrownBy(() -> read("app.json", "{\"cron\": [{\"command\": \"  \", \"schedule\": \"*/5 * * * *\"}]}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("cron[0].command is missing");
        }

        @Test
        void cronWhenConcurrencyPolicyIsUnknownRefuses() {
            assertThatThrownBy(() -> read("app.json", """
                    {"cron": [{"command": "a", "schedule": "*/5 * * * *", "concurrency_policy": "queue"}]}
                    """))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("cron[0].concurrency_policy")
                    .hasMessageContaining("queue");
        }

        @Test
        void cronWhenNotAListRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"cron\": {\"command\": \"a\", \"schedule\": \"*/5 * * * *\"}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("cron must be a list");
        }

        @Test
        void scriptsReadDokkuPredeployAndPostdeploy() {
            AppManifest manifest = manifestOf("app.json", """
                    {"scripts": {"dokku": {"predeploy": "rake db:migrate", "postdeploy": "curl -X POST hook"},
                                 "postdeploy": "heroku only"}}
                    """);

            assertThat(manifest.predeploy()).isEqualTo("rake db:migrate");
            assertThat(manifest.postdeploy()).isEqualTo("curl -X POST hook");
            assertThat(manifest.firstDeploy()).isEqualTo("heroku only");
        }

        @Test
        void scriptsHerokuPostdeployRunsOnlyAtTheFirstDeployNotAtEachOne() {
            AppManifest manifest = manifestOf("app.json", """
                    {"scripts": {"postdeploy": "bin/seed"}}
                    """);

            assertThat(manifest.firstDeploy()).isEqualTo("bin/seed");
            assertThat(manifest.postdeploy()).isEmpty();
            assertThat(manifest.predeploy()).isEmpty();
        }

        @Test
        void scriptsTopLevelPredeployRunsAtEachDeployWhenDokkuHasNone() {
            AppManifest manifest = manifestOf("app.json", """
                    {"scripts": {"predeploy": "node migrate.js"}}
                    """);

            assertThat(manifest.predeploy()).isEqualTo("node migrate.js");
        }

        @Test
        void scriptsTakeHerokusObjectFormAndKeepDokkusAlongside() {
            AppManifest manifest = manifestOf("app.json", """
                    {"scripts": {"dokku": {"predeploy": "migrate"}, "postdeploy": {"command": "bin/seed", "size": "basic"}}}
                    """);

            assertThat(manifest.predeploy()).isEqualTo("migrate");
            assertThat(manifest.postdeploy()).isEmpty();
            assertThat(manifest.firstDeploy()).isEqualTo("bin/seed");
        }

        @Test
        void cronNicknamesBecomeTheirFiveFields() {
            AppManifest manifest = manifestOf("app.json", """
                    {"cron": [{"command": "a", "schedule": "@daily"}, {"command": "b", "schedule": "@hourly"},
                              {"command": "c", "schedule": "@weekly"}]}
                    """);

            assertThat(manifest.cron()).extracting(CronJob::schedule).containsExactly("0 0 * * *", "0 * * * *", "0 0 * * 0");
        }

        @Test
        void scriptsWhenNotAStringRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"scripts\": {\"dokku\": {\"predeploy\": [\"a\", \"b\"]}}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("predeploy must be a command string");
        }

        @Test
        void envReadsPlainValuesAndValueObjectsAsDefaults() {
            AppFiles files = read("app.json", """
                    {"env": {"PLAIN": "one", "OBJECT": {"description": "d", "value": "two"},
                             "NUMBER": 3, "EMPTY": {"value": ""}}}
                    """);

            assertThat(manifest(files).env()).containsOnly(
                    entry("PLAIN", "one"), entry("OBJECT", "two"), entry("NUMBER", "3"));
            assertThat(files.requiredEnv()).isEmpty();
            assertThat(files.generatedSecrets()).isEmpty();
        }

        @Test
        void envWhenGeneratorIsSecretListsItAndLeavesItOutOfTheDefaults() {
            AppFiles files = read("app.json", """
                    {"env": {"SECRET_KEY": {"description": "signing key", "generator": "secret"}, "A": "b"}}
                    """);

            assertThat(files.generatedSecrets()).containsExactly("SECRET_KEY");
            assertThat(files.requiredEnv()).isEmpty();
            assertThat(manifest(files).env()).containsOnly(entry("A", "b"));
        }

        @Test
        void envWhenRequiredWithoutValueListsItAsRequired() {
            AppFiles files = read("app.json", """
                    {"env": {"API_TOKEN": {"description": "token", "required": true},
                             "IMPLICIT": {"description": "required is true unless said otherwise"},
                             "OPTIONAL": {"description": "o", "required": false},
                             "WITH_DEFAULT": {"required": true, "value": "x"}}}
                    """);

            assertThat(files.requiredEnv()).containsExactly("API_TOKEN", "IMPLICIT");
            assertThat(manifest(files).env()).containsOnly(entry("WITH_DEFAULT", "x"));
        }

        @Test
        void envWhenValueIsNullSetsNoDefault() {
            Throwable refused = catchThrowable(() -> manifestOf("app.json", "{\"env\": {\"FOO\": null}}"));

            if (refused == null) {
                assertThat(manifestOf("app.json", "{\"env\": {\"FOO\": null}}").env()).doesNotContainKey("FOO");
            } else {
                assertThat(refused).isInstanceOf(BuildFailedException.class).hasMessageContaining("FOO");
            }
        }

        @Test
        void envWhenNameIsNotAVariableNameRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"env\": {\"MY-VAR\": \"x\"}}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("MY-VAR");
        }

        @Test
        void buildpacksReadUrlObjectsAndPlainStringsInOrder() {
            AppFiles files = read("app.json", """
                    {"buildpacks": [{"url": "heroku/nodejs"}, "https://github.com/x/y.git#v1", {"url": "python"}]}
                    """);

            assertThat(files.buildpacks()).containsExactly("heroku/nodejs", "https://github.com/x/y.git#v1", "python");
        }

        @Test
        void buildpacksWhenAnEntryHasNoUrlRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"buildpacks\": [{\"name\": \"x\"}]}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("needs a url");
        }

        @Test
        void buildpacksWhenNotAListRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"buildpacks\": \"heroku/nodejs\"}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("buildpacks must be a list");
        }

        @Test
        void readWhenJsonIsBrokenRefusesNamingTheFileAndLine() {
            assertThatThrownBy(() -> read("app.json", "{\n  \"formation\": {\n    \"web\": {\"quantity\": 1,}\n  }\n}\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("app.json line 3: ")
                    .satisfies(e -> assertThat(((BuildFailedException) e).phase()).isEqualTo("app files"));
        }

        @Test
        void readWhenJsonIsNotAnObjectRefuses() {
            assertThatThrownBy(() -> read("app.json", "[1, 2]"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("app.json")
                    .hasMessageContaining("must be a JSON object");
            assertThatThrownBy(() -> read("app.json", ""))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("must be a JSON object");
        }

        @Test
        void readWhenFormationIsNotAnObjectRefuses() {
            assertThatThrownBy(() -> read("app.json", "{\"formation\": [1]}"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("formation must be an object");
        }
    }

    @Nested
    class AppYamlFile {

        @Test
        void readsEntrypointEnvAndManualInstances() {
            AppManifest manifest = manifestOf("app.yaml", """
                    runtime: python311
                    entrypoint: gunicorn -b :$PORT main:app
                    env_variables:
                      GREETING: hello
                      WORKERS: 4
                    manual_scaling:
                      instances: 3
                    """);

            assertThat(manifest.processes()).containsOnly(entry("web", "gunicorn -b :$PORT main:app"));
            assertThat(manifest.env()).containsOnly(entry("GREETING", "hello"), entry("WORKERS", "4"));
            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(3, Formation.UNSET)));
        }

        @Test
        void servesAnAppEngineFrontControllerWithTheBuildpacksOwnServerRootedWhereItIs() {
            Map<String, String> php = Map.of("web", "slipway-php-nginx");

            AppManifest inPublic = read("app.yaml", "runtime: php84\nentrypoint: serve public/index.php\n")
                    .manifest(php, AppManifest.DEFAULT_PORT, true);
            AppManifest atRoot = read("app.yaml", "entrypoint: serve index.php\n").manifest(php, AppManifest.DEFAULT_PORT, true);

            assertThat(inPublic.processes()).containsOnly(entry("web", "slipway-php-nginx"));
            assertThat(inPublic.env()).containsOnly(entry("DOCUMENT_ROOT", "public"));
            assertThat(atRoot.processes()).containsOnly(entry("web", "slipway-php-nginx"));
            assertThat(atRoot.env()).isEmpty();
            assertThat(manifestOf("app.yaml", "entrypoint: serve public/index.php\n").processes())
                    .as("no buildpack web server to give it to: the entrypoint as it is")
                    .containsOnly(entry("web", "serve public/index.php"));
        }

        @Test
        void instancesFallBackToAutomaticScalingMinInstances() {
            AppManifest manifest = manifestOf("app.yaml", """
                    automatic_scaling:
                      min_instances: 2
                      max_instances: 10
                    """);

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(2, Formation.UNSET)));
        }

        @Test
        void sessionAffinityIsNamedAsTheRoutersSetting() {
            assertThat(read("app.yaml", "runtime: nodejs20\nnetwork:\n  session_affinity: true\n").notes())
                    .containsExactly("app.yaml asks for network.session_affinity: run router:set APP session-affinity true");
            assertThat(read("app.yaml", "runtime: nodejs20\nnetwork:\n  session_affinity: false\n").notes()).isEmpty();
        }

        @Test
        void automaticScalingDownToZeroLeavesTheInstanceCountAlone() {
            AppManifest manifest = manifestOf("app.yaml", "automatic_scaling:\n  min_instances: 0\n  max_instances: 3\n");

            assertThat(manifest.formation()).as("App Engine scales such an app to zero when idle, not for good").isEmpty();
        }

        @Test
        void instancesWhenManualAndAutomaticAreBothSetPreferManual() {
            AppManifest manifest = manifestOf("app.yaml", """
                    manual_scaling:
                      instances: 5
                    automatic_scaling:
                      min_instances: 1
                    """);

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(5, Formation.UNSET)));
        }

        @Test
        void instancesWhenZeroScaleWebToZero() {
            AppManifest manifest = manifestOf("app.yaml", "manual_scaling:\n  instances: 0\n");

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(0, Formation.UNSET)));
        }

        @Test
        void instancesWhenNegativeOrTextRefusesNamingTheField() {
            assertThatThrownBy(() -> read("app.yaml", "manual_scaling:\n  instances: -1\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("manual_scaling.instances");
            assertThatThrownBy(() -> read("app.yaml", "automatic_scaling:\n  min_instances: many\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("automatic_scaling.min_instances");
        }

        @Test
        void withoutScalingLeavesFormationAlone() {
            AppManifest manifest = manifestOf("app.yaml", "entrypoint: ./run\n");

            assertThat(manifest.formation()).isEmpty();
        }

        @Test
        void readWhenYamlIsInvalidRefusesNamingTheFileAndLine() {
            assertThatThrownBy(() -> read("app.yaml", "runtime: python\nentrypoint: [unclosed\nenv_variables:\n  A: b\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("app.yaml line 3: ");
        }

        @Test
        void readWhenYamlHasBadIndentationRefusesNamingTheLine() {
            assertThatThrownBy(() -> read("app.yaml", "runtime: python\nenv_variables:\n  A: b\n B: c\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("app.yaml line 4: ");
        }

        @Test
        void readWhenALineIsIndentedWithATabNamesThatLine() {
            assertThatThrownBy(() -> read("app.yaml", "runtime: python\nenv_variables:\n  A: b\n\tB: c\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("app.yaml line 4: ");
        }

        @Test
        void readWhenAKeyHasNoColonNamesThatLine() {
            assertThatThrownBy(() -> read("app.yaml", "entrypoint: ./run\nenv_variables:\n  A: b\n  C\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("app.yaml line 4: ");
        }

        @Test
        void readWhenTopLevelIsNotAMappingRefuses() {
            assertThatThrownBy(() -> read("app.yaml", "- entrypoint: ./run\n- other\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("app.yaml")
                    .hasMessageContaining("must be a mapping");
            assertThatThrownBy(() -> read("app.yaml", "just a string\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("must be a mapping");
        }

        @Test
        void readWhenEmptyIsLikeNoAppYaml() {
            AppManifest manifest = manifestOf("app.yaml", "# nothing yet\n");

            assertThat(manifest.processes()).isEmpty();
            assertThat(manifest.formation()).isEmpty();
            assertThat(manifest.env()).isEmpty();
        }

        @Test
        void entrypointWhenNotAStringRefuses() {
            assertThatThrownBy(() -> read("app.yaml", "entrypoint:\n  - gunicorn\n  - main:app\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("entrypoint must be a command string");
        }

        @Test
        void envVariablesWhenValueIsEmptyDoNotBecomeTheWordNull() {
            String yaml = "env_variables:\n  DEBUG:\n  LEVEL: ~\n";
            Throwable refused = catchThrowable(() -> read("app.yaml", yaml));

            if (refused == null) {
                assertThat(manifestOf("app.yaml", yaml).env()).doesNotContainValue("null");
            } else {
                assertThat(refused).isInstanceOf(BuildFailedException.class).hasMessageContaining("DEBUG");
            }
        }

        @Test
        void envVariablesWhenNotAMappingOrBadlyNamedRefuses() {
            assertThatThrownBy(() -> read("app.yaml", "env_variables:\n  - A=b\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("env_variables must be a mapping");
            assertThatThrownBy(() -> read("app.yaml", "env_variables:\n  my-var: b\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("my-var");
        }
    }

    @Nested
    class NapProfileFile {

        @Test
        void memoryInMegabytesOrGigabytesSetsWebMemoryOnly() {
            assertThat(manifestOf("profile", "memory: 256m\n").formation())
                    .containsOnly(entry("web", new Formation(Formation.UNSET, 256 * MIB)));
            assertThat(manifestOf("profile", "memory: 1g\n").formation())
                    .containsOnly(entry("web", new Formation(Formation.UNSET, 1024 * MIB)));
        }

        @Test
        void memoryAsABareNumberIsMebibytes() {
            assertThat(manifestOf("profile", "memory: 300").formation())
                    .containsOnly(entry("web", new Formation(Formation.UNSET, 300 * MIB)));
        }

        @Test
        void memoryWhenTooSmallRefusesNamingTheLine() {
            assertThatThrownBy(() -> read("profile", "# sizes\nmemory: 1m\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("profile line 2: ")
                    .hasMessageContaining("1m");
        }

        @Test
        void scaleSetsWebQuantity() {
            assertThat(manifestOf("profile", "scale: 2\nmemory: 512m\n").formation())
                    .containsOnly(entry("web", new Formation(2, 512 * MIB)));
        }

        @Test
        void scaleWhenNotAWholeNumberRefusesNamingTheLine() {
            assertThatThrownBy(() -> read("profile", "scale: -1"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("profile line 1: ");
            assertThatThrownBy(() -> read("profile", "memory: 256m\nscale: two"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("profile line 2: ");
        }

        @Test
        void commandWithColonsInsideIsKeptWhole() {
            AppManifest manifest = manifestOf("profile", "command: gunicorn -b :$PORT main:app --log-level: debug\n");

            assertThat(manifest.processes())
                    .containsOnly(entry("web", "gunicorn -b :$PORT main:app --log-level: debug"));
        }

        @Test
        void commentsAndBlankLinesAreSkippedButCountForLineNumbers() {
            assertThatThrownBy(() -> read("profile", "# my app\n\nmemory: 256m\n\nthreads: 4\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("profile line 5: ")
                    .hasMessageContaining("unknown key 'threads'");
        }

        @Test
        void readWhenLineHasNoKeyRefusesNamingTheLine() {
            assertThatThrownBy(() -> read("profile", "memory: 256m\njust some words\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("profile line 2: ")
                    .hasMessageContaining("key: value");
            assertThatThrownBy(() -> read("profile", ": 256m\n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("profile line 1: ");
        }

        @Test
        void readWhenFileStartsWithAByteOrderMarkReadsTheFirstKey() {
            AppManifest manifest = manifestOf("profile", "\uFEFFmemory: 256m\n");

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(Formation.UNSET, 256 * MIB)));
        }

        @Test
        void commandWhenEmptyRefuses() {
            assertThatThrownBy(() -> read("profile", "command:   \n"))
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageStartingWith("profile line 1: ")
                    .hasMessageContaining("command is empty");
        }
    }

    @Nested
    class Precedence {

        private final Map<String, String> image = Map.of("web", "buildpack-web", "worker", "buildpack-worker");

        @Test
        void profileCommandOverridesTheBuildpackWebProcess() {
            AppManifest manifest = read("profile", "command: ./profile-web").manifest(image, 5000, true);

            assertThat(manifest.processes())
                    .containsOnly(entry("web", "./profile-web"), entry("worker", "buildpack-worker"));
        }

        @Test
        void appYamlEntrypointOverridesTheProfileCommand() {
            AppManifest manifest = read("profile", "command: ./profile-web", "app.yaml", "entrypoint: ./yaml-web")
                    .manifest(image, 5000, true);

            assertThat(manifest.processes())
                    .containsOnly(entry("web", "./yaml-web"), entry("worker", "buildpack-worker"));
        }

        @Test
        void procfileOverridesEverythingElseAndKeepsOtherImageProcesses() {
            AppManifest manifest = read("profile", "command: ./profile-web", "app.yaml", "entrypoint: ./yaml-web",
                    "Procfile", "web: ./procfile-web\nclock: ./clock").manifest(image, 5000, true);

            assertThat(manifest.processes()).containsOnly(
                    entry("web", "./procfile-web"), entry("worker", "buildpack-worker"), entry("clock", "./clock"));
        }

        @Test
        void procfileWithoutWebKeepsTheAppYamlEntrypoint() {
            AppManifest manifest = read("app.yaml", "entrypoint: ./yaml-web", "Procfile", "worker: ./procfile-worker")
                    .manifest(image, 5000, true);

            assertThat(manifest.processes())
                    .containsOnly(entry("web", "./yaml-web"), entry("worker", "./procfile-worker"));
        }

        @Test
        void formationAppYamlInstancesOverrideAppJsonQuantityAndKeepItsMemory() {
            AppManifest manifest = manifestOf(
                    "app.json", "{\"formation\": {\"web\": {\"quantity\": 1, \"memory\": \"512m\"}, \"worker\": {\"quantity\": 2}}}",
                    "app.yaml", "manual_scaling:\n  instances: 4\n");

            assertThat(manifest.formation()).containsOnly(
                    entry("web", new Formation(4, 512 * MIB)),
                    entry("worker", new Formation(2, Formation.UNSET)));
        }

        @Test
        void formationProfileScaleOverridesAppYamlAndAppJson() {
            AppManifest manifest = manifestOf(
                    "app.json", "{\"formation\": {\"web\": {\"quantity\": 1}}}",
                    "app.yaml", "manual_scaling:\n  instances: 4\n",
                    "profile", "scale: 6\n");

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(6, Formation.UNSET)));
        }

        @Test
        void formationProfileMemoryWithoutScaleKeepsTheAppJsonQuantity() {
            AppManifest manifest = manifestOf(
                    "app.json", "{\"formation\": {\"web\": {\"quantity\": 3, \"memory\": \"1g\"}}}",
                    "profile", "memory: 256m\n");

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(3, 256 * MIB)));
        }

        @Test
        void formationProfileMemoryWithoutScaleKeepsTheAppYamlInstances() {
            AppManifest manifest = manifestOf(
                    "app.yaml", "automatic_scaling:\n  min_instances: 2\n",
                    "profile", "memory: 2g\n");

            assertThat(manifest.formation()).containsOnly(entry("web", new Formation(2, 2048 * MIB)));
        }

        @Test
        void envAppYamlOverridesAppJson() {
            AppManifest manifest = manifestOf(
                    "app.json", "{\"env\": {\"MODE\": \"json\", \"ONLY_JSON\": {\"value\": \"j\"}}}",
                    "app.yaml", "env_variables:\n  MODE: yaml\n  ONLY_YAML: y\n");

            assertThat(manifest.env()).containsOnly(
                    entry("MODE", "yaml"), entry("ONLY_JSON", "j"), entry("ONLY_YAML", "y"));
        }

        @Test
        void manifestPassesPortAndLauncherThrough() {
            AppManifest manifest = read().manifest(Map.of(), 8080, false);

            assertThat(manifest.port()).isEqualTo(8080);
            assertThat(manifest.launcher()).isFalse();
        }
    }
}
