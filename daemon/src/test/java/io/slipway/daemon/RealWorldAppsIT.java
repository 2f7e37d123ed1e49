package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Apps shaped like real projects and the getting-started guides of Heroku and Dokku, pushed with
 * the real git client: what those platforms do for them, Slipway must do too.
 */
class RealWorldAppsIT {

    @RegisterExtension
    static final org.junit.jupiter.api.extension.BeforeAllCallback PLATFORM = context -> platform = TestPlatform.get(context);

    static TestPlatform platform;

    @Test
    void postinstallGetsDevDependenciesAndTheProcfileRunsAPackageBinary() throws Exception {
        String app = platform.app("it-node-scripted");

        Shell.Result push = push("node-scripted", app);

        // typescript is a devDependency the postinstall script needs; http-server is on PATH at launch.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Running postinstall script");
        HttpResponse<String> compiled = platform.get(app, "/greeting.js");
        assertThat(compiled.statusCode()).as(compiled.body()).isEqualTo(200);
        assertThat(compiled.body()).contains("compiled by postinstall");
        Shell.Result run = platform.ssh("run", app, "--", "http-server", "--version");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("v14.1.1");
        // As on Dokku, a process type's name runs its Procfile command.
        Shell.Result type = platform.ssh("run", app, "version");
        assertThat(type.exit()).as(type.output()).isZero();
        assertThat(type.output()).contains("Running the version process: http-server --version").contains("v14.1.1");
    }

    @Test
    void anAppWrittenForNodeFourBuildsWithTheNpmOfItsDayAndServes() throws Exception {
        String app = platform.app("it-node-four");

        Shell.Result push = push("node-four", app);

        // npm 2, which Node.js 4 shipped with, installs through the host's trusted CAs (npm's cafile:
        // Node.js 4 ignores NODE_EXTRA_CA_CERTS).
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("node v4.2.", ", npm 2.15.").contains("reached its end of life on 2018-04-30");
        HttpResponse<String> root = platform.get(app, "/");
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat(root.body()).startsWith("express 4.18.").contains(" on node v4.2.");
    }

    @Test
    void workspacesMonorepoInstallsItsOwnPackages() throws Exception {
        String app = platform.app("it-node-workspaces");

        Shell.Result push = push("node-workspaces", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("in the app directory for workspaces");
        HttpResponse<String> root = platform.get(app, "/");
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat(root.body()).contains("hello from a workspace package");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            node-yarn       | yarn 1.22.22, from yarn.lock     | express 4.17.1; built by yarn yarn/1.22.22
            node-pnpm       | pnpm 10.                         | express 4.21.2
            node-yarn-berry | yarn 4.5.3, from yarn.lock       | yarn berry pnp express 4.21.2
            """)
    void yarnAndPnpmAppsInstallFromTheirLockFilesWithTheirOwnTool(String fixture, String tool, String body)
            throws Exception {
        String app = platform.app("it-" + fixture);

        Shell.Result push = push(fixture, app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains(tool);
        HttpResponse<String> root = platform.get(app, "/");
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat(root.body()).contains(body);
    }

    @Test
    void nodeBuildOnlyAppBuildsAsOnHerokuAndNativeAddonsCompileOnNode24() throws Exception {
        String app = platform.app("it-node-build-only");
        Path repo = platform.fixtureRepo("node-build-only", app);
        Files.writeString(repo.resolve("yarn.lock"), "# yarn lockfile v1\n");
        commit(repo, "two lock files");

        Shell.Result twoLocks = pushRepo(repo, app);

        assertThat(twoLocks.exit()).isNotZero();
        assertThat(twoLocks.output()).contains("Lock files of different package managers found: package-lock.json yarn.lock");
        Shell.ok(repo, platform.gitEnv(platform.adminKey), "git", "rm", "-q", "yarn.lock");
        String manifest = Files.readString(repo.resolve("package.json"));
        Files.writeString(repo.resolve("package.json"),
                manifest.replace("\"private\": true,", "\"private\": true, \"packageManager\": \"yarn@1.22.22+sha1.0000\","));
        commit(repo, "a package manager with the wrong hash");

        Shell.Result badHash = pushRepo(repo, app);

        assertThat(badHash.exit()).isNotZero();
        assertThat(badHash.output()).contains("yarn@1.22.22 does not have the hash packageManager in package.json pins");
        Files.writeString(repo.resolve("package.json"), manifest);
        commit(repo, "npm");

        Shell.Result buildOnly = pushRepo(repo, app);

        // Heroku's empty-heroku-postbuild fixture: the empty script is run instead of build, and an
        // app with nothing to run still builds, for one-off runs.
        assertThat(buildOnly.exit()).as(buildOnly.output()).isZero();
        assertThat(buildOnly.output()).contains("Running heroku-postbuild script").doesNotContain("build hook message")
                .contains("the app defines no process, so nothing will run").doesNotContain("Unknown env config");
        assertThat(platform.ssh("run", app, "--", "node -p 40+2").output()).contains("42");
        Files.writeString(repo.resolve("package.json"), manifest.replace("\"heroku-postbuild\": \"\"",
                "\"heroku-postbuild\": \"cd addon && node-gyp rebuild\""));
        Files.writeString(repo.resolve("Procfile"), "web: node serve.js\n");
        commit(repo, "a web process with a native addon");

        Shell.Result web = pushRepo(repo, app);

        assertThat(web.exit()).as(web.output()).isZero();
        assertThat(platform.get(app, "/").body()).startsWith("native-hello on v24.");
        Shell.ok(repo, platform.gitEnv(platform.adminKey), "git", "rm", "-q", "Procfile");
        commit(repo, "no process again");

        Shell.Result none = pushRepo(repo, app);

        assertThat(none.exit()).as("nothing to run would stop the web process").isNotZero();
        assertThat(none.output()).contains("the build defines no process to run, and deploying it would stop");
        assertThat(platform.get(app, "/").body()).startsWith("native-hello on v24.");
    }

    @Test
    void aServerJsWithNoPackageJsonRunsOnNodeAlone() throws Exception {
        String app = platform.app("it-node-alone");

        Shell.Result push = push("node-no-package-json", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("No package.json: server.js runs with Node.js alone")
                .contains("Default web process: node server.js");
        assertThat(platform.get(app, "/").body()).startsWith("no package.json, Node.js v22.");
    }

    @Test
    void aBunAppRunsOnBunWithItsOwnServer() throws Exception {
        String app = platform.app("it-bun");

        Shell.Result push = push("node-bun", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).containsPattern("(Installing|Using cached) Bun 1\\.").contains("(engines.bun in package.json)");
        assertThat(platform.get(app, "/").body()).startsWith("hello from Bun 1.");
    }

    @Test
    void anAppWrittenForAPortOfItsOwnIsReachedThroughThePortConfigVar() throws Exception {
        String app = platform.app("it-fixed-port");
        assertThat(platform.ssh("apps:create", app).exit()).isZero();
        Shell.Result low = platform.ssh("config:set", app, "PORT=80");
        assertThat(low.exit()).isNotZero();
        assertThat(low.output()).contains("give a number from 1024 to 65535 (e.g. config:set " + app + " PORT=3000)");

        // As on Railway and Render: PORT names the port the app listens on, and the router goes there.
        assertThat(platform.ssh("config:set", app, "PORT=3000").exit()).isZero();
        Shell.Result push = push("node-fixed-port", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(platform.get(app, "/").body()).isEqualTo("listening on 3000, PORT=3000\n");
        Shell.Result unset = platform.ssh("config:unset", app, "PORT");
        assertThat(unset.exit()).as("the app does not listen on $PORT (5000) again: refused").isNotZero();
        assertThat(unset.output()).contains("it listens on 0.0.0.0:3000 instead")
                .contains("config:set " + app + " PORT=3000");
        assertThat(platform.get(app, "/").body()).isEqualTo("listening on 3000, PORT=3000\n");
    }

    @Test
    void aServletWarWithoutAServerOfItsOwnRunsInTomcatWithItsJsps() throws Exception {
        String app = platform.app("it-java-war");
        Path repo = platform.fixtureRepo("java-war", app);

        Shell.Result push = pushRepo(repo, app);

        // Paketo and Cloud Foundry run such a WAR in Tomcat; a jakarta.servlet one gets Tomcat 10.1.
        assertThat(push.exit()).as(push.output()).isZero();
        // (A machine that ran this test before holds the app's build cache.)
        assertThat(push.output()).containsPattern("(Installing|Using cached) Apache Tomcat 10\\.1\\.").contains("(jakarta.servlet)")
                .contains("SlipwayWarRunner target/guestbook-1.0.war");
        assertThat(platform.get(app, "/hello").body()).startsWith("hello from Apache Tomcat/10.1.");
        assertThat(platform.get(app, "/").body().strip()).isEqualTo("6 x 7 = 42");
        // The same app written for javax.servlet (Java EE 8, as older samples are) gets Tomcat 9.
        Path pom = repo.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<groupId>jakarta.servlet</groupId>", "<groupId>javax.servlet</groupId>")
                .replace("jakarta.servlet-api</artifactId>", "javax.servlet-api</artifactId>").replace("6.0.0", "4.0.1"));
        Path servlet = repo.resolve("src/main/java/demo/Hello.java");
        Files.writeString(servlet, Files.readString(servlet).replace("import jakarta.", "import javax."));
        commit(repo, "javax.servlet");

        Shell.Result javax = pushRepo(repo, app);

        assertThat(javax.exit()).as(javax.output()).isZero();
        assertThat(javax.output()).containsPattern("(Installing|Using cached) Apache Tomcat 9\\.0\\.").contains("(javax.servlet)");
        assertThat(platform.get(app, "/hello").body()).startsWith("hello from Apache Tomcat/9.0.");
        assertThat(platform.get(app, "/").body().strip()).isEqualTo("6 x 7 = 42");
        // An unpacked WAR and no pom.xml, as Cloud Foundry apps push one: it runs as it is.
        Shell.ok(repo, platform.gitEnv(platform.adminKey), "git", "rm", "-rq", ".");
        Path unpacked = Path.of("src/test/resources/fixtures/java-unpacked-war").toAbsolutePath();
        Files.createDirectories(repo.resolve("WEB-INF"));
        Files.copy(unpacked.resolve("index.jsp"), repo.resolve("index.jsp"));
        Files.copy(unpacked.resolve("WEB-INF/web.xml"), repo.resolve("WEB-INF/web.xml"));
        commit(repo, "an unpacked WAR");

        Shell.Result exploded = pushRepo(repo, app);

        assertThat(exploded.exit()).as(exploded.output()).isZero();
        assertThat(exploded.output()).contains("No pom.xml: the app, an unpacked WAR (WEB-INF/), runs as it is")
                .contains("Apache Tomcat 9.0.").contains("SlipwayWarRunner .");
        assertThat(platform.get(app, "/").body().strip()).startsWith("unpacked WAR says 42 on Apache Tomcat/9.0.");
        assertThat(platform.get(app, "/WEB-INF/web.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void goAppStartedAsBinNameFromItsProcfileWithHooksAndABinaryPerProcessType() throws Exception {
        String app = platform.app("it-go-heroku");

        Shell.Result push = push("go-heroku", app);

        // Heroku's go-getting-started says `web: bin/go-getting-started`; the pre-compile hook
        // generates code the app needs, and cmd/worker is a process type of its own.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Running bin/go-pre-compile hook");
        assertThat(platform.get(app, "/").body()).contains("go getting started, generated by bin/go-pre-compile");
        Shell.Result scale = platform.ssh("ps:scale", app, "worker=1");
        assertThat(scale.exit()).as(scale.output()).isZero();
        assertThat(platform.ssh("logs", app, "-p", "worker").output()).contains("worker up");
    }

    @Test
    void aGoAppWithNoGoModIsBuiltUnderTheNameItsProcfileRunsItBy() throws Exception {
        String app = platform.app("it-go-gopath");

        Shell.Result push = push("go-gopath", app);

        // Dokku's Go test app: web.go and `web: web`, nothing naming an import path.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("GOPATH app web (the name the Procfile runs)").contains("Built: web");
        assertThat(platform.get(app, "/").body()).isEqualTo("gopath app, run as web\n");
    }

    @Test
    void aNodeWorkerWhosePackageJsonNamesItsMainDeploysWithoutAnInventedWebProcess() throws Exception {
        String app = platform.app("it-node-worker");

        Shell.Result push = push("node-worker-only", app);

        // package.json's main is the worker, and the Procfile declares only it: no web is guessed
        // from main (one that never listens would fail the deploy), as Heroku guesses none.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("No web process: the Procfile has none").doesNotContain("Default web process")
                .contains("nothing runs: worker scaled to 0 (only web starts by itself, as on Heroku): ps:scale " + app
                        + " worker=1");
        Shell.Result scale = platform.ssh("ps:scale", app, "worker=1");
        assertThat(scale.exit()).as(scale.output()).isZero();
        assertThat(platform.ssh("ps", app).output()).contains("worker.1").doesNotContain("web.1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String logs = "";
        while (!logs.contains("worked 2 jobs") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            logs = platform.ssh("logs", app, "-p", "worker").output();
        }
        assertThat(logs).contains("worked 2 jobs");
    }

    @Test
    void phpAppStartedWithHerokusApacheCommandAndADocumentRoot() throws Exception {
        String app = platform.app("it-php-heroku");

        Shell.Result push = push("php-heroku", app);

        // Heroku's php-getting-started says `web: heroku-php-apache2 web/`, its older docs
        // `vendor/bin/heroku-php-apache2`. Heroku runs the compile Composer script after the install,
        // Scalingo its extra.paas.compile commands.
        assertThat(push.exit()).as(push.output()).isZero();
        HttpResponse<String> root = platform.get(app, "/");
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat(root.body()).contains("php getting started 8.");
        assertThat(platform.get(app, "/build-info.txt").body())
                .isEqualTo("built by the compile script\nand by extra.paas.compile\n");
    }

    @Test
    void phpAppWithHerokusNginxIncludeRoutesThroughHerokuFcgi() throws Exception {
        String app = platform.app("it-php-nginx-include");

        Shell.Result push = push("php-nginx-include", app);

        // Heroku's bootopts fixture: the include has its own "location /" and uses @heroku-fcgi.
        assertThat(push.exit()).as(push.output()).isZero();
        HttpResponse<String> deep = platform.get(app, "/some/route");
        assertThat(deep.statusCode()).as(deep.body()).isEqualTo(200);
        assertThat(deep.body()).isEqualTo("front controller for /some/route\n");
        assertThat(platform.get(app, "/other.php").statusCode()).isEqualTo(404);
        assertThat(platform.get(app, "/direct.php").body()).isEqualTo("front controller for /direct.php\n");
    }

    @Test
    void aDocumentRootOfSlashIsTheAppItselfNeverTheContainersFilesystem() throws Exception {
        String app = platform.app("it-php-docroot");
        assertThat(platform.ssh("apps:create", app).exit()).isZero();
        // Scalingo's docs say DOCUMENT_ROOT=/ for an app served from its own directory.
        assertThat(platform.ssh("config:set", app, "DOCUMENT_ROOT=/").exit()).isZero();

        Shell.Result push = push("php-docroot-slash", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(platform.get(app, "/").body()).isEqualTo("the app root\n");
        // No such file in the app: the front controller answers, never the container's /etc/passwd.
        assertThat(platform.get(app, "/etc/passwd").body()).isEqualTo("the app root\n");
        // Without it, composer.json's extra.paas.document-root (Scalingo's) chooses, read at launch.
        assertThat(platform.ssh("config:unset", app, "DOCUMENT_ROOT").exit()).isZero();
        assertThat(platform.get(app, "/").body()).isEqualTo("the web directory\n");
    }

    @Test
    void pythonAppWithHerokusHooksVersionFileAndIncludedRequirementsInstallsWhatTheyChange() throws Exception {
        String app = platform.app("it-python-heroku");
        Path repo = platform.fixtureRepo("python-heroku", app);

        Shell.Result first = pushRepo(repo, app);

        // Heroku's runtime_txt_and_python_version_file and hooks fixtures: runtime.txt (with
        // comments) wins over .python-version, pre_compile runs first, the hooks get Heroku's dirs.
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("Requested: python-3.13 (runtime.txt)")
                .contains("pre_compile: BUILD_DIR=/workspace STACK=heroku-24")
                .contains("post_compile in /workspace cache /layers/slipway_python/hook-cache env /platform/env");
        assertThat(platform.get(app, "/").body()).isEqualTo("no greet / generated\n");
        Files.writeString(repo.resolve("reqs/base.txt"), "# base requirements\n./greet-pkg\n");
        commit(repo, "a local package, in a file requirements.txt includes");

        Shell.Result included = pushRepo(repo, app);

        assertThat(included.exit()).as(included.output()).isZero();
        assertThat(included.output()).contains("Successfully installed greet-1.0");
        assertThat(platform.get(app, "/").body()).startsWith("hello from greet / ");
        Files.writeString(repo.resolve("greet-pkg/greet.py"), "def hello():\n    return 'hello from greet v2'\n");
        commit(repo, "the local package changes");

        Shell.Result changed = pushRepo(repo, app);

        assertThat(changed.exit()).as(changed.output()).isZero();
        assertThat(platform.get(app, "/").body()).startsWith("hello from greet v2 / ");
        Files.writeString(repo.resolve("runtime.txt"), "python-3.13\n python-2.7\n");
        commit(repo, "two versions");

        Shell.Result twoVersions = pushRepo(repo, app);

        assertThat(twoVersions.exit()).isNotZero();
        assertThat(twoVersions.output()).contains("runtime.txt names more than one Python version");
        assertThat(platform.get(app, "/").body()).startsWith("hello from greet v2 / ");
    }

    @Test
    void phpAppWrittenForCloudFoundryGetsItsWebdirLibdirExtensionsAndIniSettings() throws Exception {
        String app = platform.app("it-php-cloudfoundry");

        Shell.Result push = push("php-cloudfoundry", app);

        // Cloud Foundry's custom_webdir and extension fixtures: .bp-config/options.json and php.ini.d;
        // WEBDIR www wins over the index.php at the root, and manifest.yml is not the site's.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("WEB_SERVER httpd: Apache httpd is not available here")
                .contains("document root www (WEBDIR of .bp-config/options.json)");
        assertThat(platform.get(app, "/").body())
                .isEqualTo("hello from LIBDIR; bz2 loaded; gmp loaded; memory_limit 200M\n");
        assertThat(platform.get(app, "/index.php").body()).startsWith("hello from LIBDIR");
        assertThat(platform.get(app, "/manifest.yml").body()).doesNotContain("hunter2");
        assertThat(push.output()).contains("manifest.yml (Cloud Foundry's): using its env (SECRET; config vars win)");
        assertThat(platform.ssh("run", app, "--", "echo $SECRET $VCAP_SERVICES").output()).contains("hunter2 {}");
    }

    @Test
    void cloudFoundryStaticfileSiteWithItsRootPushstateAndPassword() throws Exception {
        String app = platform.app("it-static-staticfile");

        Shell.Result push = push("static-staticfile", app);

        // Cloud Foundry's alternate_root, pushstate and basic_auth fixtures in one: Staticfile.auth
        // (bob:bob, in the document root) protects every path, and the file itself is not served.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Document root: dist/ (Staticfile root)");
        String bob = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:bob".getBytes());
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:bad".getBytes());
        assertThat(platform.get(app, "/").statusCode()).isEqualTo(401);
        assertThat(platform.get(app, "/deep/link", "Authorization", wrong).statusCode()).isEqualTo(401);
        HttpResponse<String> deep = platform.get(app, "/deep/link", "Authorization", bob);
        assertThat(deep.statusCode()).isEqualTo(200);
        assertThat(deep.body()).isEqualTo("<h1>cf app shell</h1>\n");
        assertThat(platform.get(app, "/Staticfile.auth", "Authorization", bob).body()).doesNotContain("apr1");
    }

    @Test
    void aSiteBuiltWithNodeIsServedByTheStaticBuildpackAfterIt() throws Exception {
        String app = platform.app("it-node-then-static");

        Shell.Result push = push("node-then-static", app);

        // .buildpacks names two: the second runs with the first's Node.js on PATH, and serves dist/.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Using buildpacks from .buildpacks: slipway/nodejs@0.1.0, slipway/static@0.1.0");
        assertThat(platform.get(app, "/").body()).startsWith("<h1>built by node v22.");
    }

    @Test
    void aSvelteKitAppOnTheNodeAdapterRunsTheServerItsBuildMadeAndTakesItsOwnFormPosts() throws Exception {
        String app = platform.app("it-node-sveltekit");

        Shell.Result push = push("node-sveltekit", app);

        // No start script: the server @sveltejs/adapter-node built, as its deployment guide starts it.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("The build made a SvelteKit server").contains("Default web process: node build");
        assertThat(platform.get(app, "/").body()).contains("<h1>SvelteKit on Node</h1>");
        // It learns the scheme from X-Forwarded-Proto (PROTOCOL_HEADER): its own form posts over
        // plain HTTP pass its cross-site check, another site's are still refused.
        assertThat(platform.postForm(app, "/", "name=ada", "Origin", platform.origin(app)).body()).contains("hello ada");
        assertThat(platform.postForm(app, "/", "name=ada", "Origin", "http://elsewhere.example").statusCode()).isEqualTo(403);
    }

    @Test
    void aViteAppWithNoServerOfItsOwnIsServedByNginxFromWhatItsBuildMade() throws Exception {
        String app = platform.app("it-node-vite-spa");

        Shell.Result push = push("node-vite-spa", app);

        // No start script, no .buildpacks: slipway/static follows slipway/nodejs by itself.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Document root: dist/ (what vite built)")
                .contains("A single-page app").doesNotContain("WARNING: no start script");
        HttpResponse<String> index = platform.get(app, "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<title>Vite single-page app</title>").containsPattern("/assets/index-[^\"]+\\.js");
        assertThat(platform.get(app, "/robots.txt").body()).startsWith("User-agent");
        assertThat(platform.get(app, "/some/deep/route").body()).as("the app's shell").contains("<title>Vite single-page app");
        assertThat(platform.get(app, "/package.json").body()).as("only dist/ is served").doesNotContain("devDependencies");
        // A machine that ran this test before reuses the dependency image (its tag is the hash of the same layers).
        assertThat(push.output()).as("Node.js built the site and stays out of the image")
                .containsPattern("writing dependency layers: slipway_static/nginx, slipway_static/server\\s"
                        + "|dependency layers unchanged: reusing");
    }

    @Test
    void staticJsonSinglePageAppServesItsShellForDeepLinksWithRedirectsAndHeaders() throws Exception {
        String app = platform.app("it-static-json");
        assertThat(platform.ssh("apps:create", app).exit()).isZero();
        assertThat(platform.ssh("config:set", app, "DOCS_URL=/about#docs").exit()).isZero();

        Shell.Result push = push("static-json", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("Reading static.json");
        assertThat(platform.get(app, "/deep/link").body()).contains("spa shell");
        assertThat(platform.get(app, "/about").body()).as("clean_urls").contains("about page");
        HttpResponse<String> css = platform.get(app, "/assets/app.css");
        assertThat(css.body()).isEqualTo("body{}\n");
        // The file's time is its commit's: a caching browser sees a new release's files as new.
        assertThat(css.headers().firstValue("Last-Modified")).get().asString().doesNotContain("1980");
        HttpResponse<String> old = platform.get(app, "/old");
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location")).hasValue("/about");
        assertThat(platform.get(app, "/").headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(platform.get(app, "/assets/missing.css").statusCode()).as("except").isEqualTo(404);
        assertThat(platform.get(app, "/docs").headers().firstValue("Location")).as("${DOCS_URL}")
                .hasValue("/about#docs");
    }

    @Test
    void aCompleteNginxConfRunsAsPaketosNginxBuildpackRunsIt() throws Exception {
        String app = platform.app("it-nginx-complete");
        assertThat(platform.ssh("apps:create", app).exit()).isZero();
        assertThat(platform.ssh("config:set", app, "GREETING=hello").exit()).isZero();

        Shell.Result push = push("static-nginx-complete", app);

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("nginx.conf is a complete nginx configuration: nginx runs with it");
        HttpResponse<String> page = platform.get(app, "/");
        assertThat(page.body()).contains("served by the app's own nginx.conf");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("X-Greeting")).hasValue("hello");
        assertThat(platform.get(app, "/health").body()).isEqualTo("ok\n");
    }

    @Test
    void aHitCounterCountsOnlyItsVisitorsNotThePlatformsChecks() throws Exception {
        String app = platform.app("it-hit-counter");

        Shell.Result push = push("hit-counter", app);

        // Past the startup check, and a liveness probe later: neither may have been a request.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello World! I have been seen 1 times.\n");
        Thread.sleep(11_000);
        assertThat(platform.get(app, "/").body()).isEqualTo("Hello World! I have been seen 2 times.\n");
    }

    @Test
    void aHealthCheckOnTheAppsManagementPortGatesTheDeploy() throws Exception {
        String app = platform.app("it-health-port");

        Shell.Result push = push("health-port", app);
        Shell.Result down = platform.ssh("config:set", app, "HEALTH=DOWN");

        // The check is on port 8081, which is not published: it goes to the container's own address.
        // The others: Dokku's httpHeaders, warn (a failure is reported, not fatal) and no path (no request).
        assertThat(push.exit()).as(push.output()).isZero();
        // Checks without httpHeaders send Host: localhost, which this app refuses.
        assertThat(push.output()).contains("warning: web.1 failed its check 'optional page' after 1 attempts:"
                + " GET /missing answered 400");
        assertThat(down.exit()).isNotZero();
        assertThat(down.output()).contains("GET /health on port 8081 did not contain '\"status\":\"UP\"'");
        assertThat(down.output()).contains("the config change was not kept, and v1 serves with the config it had");
        assertThat(platform.ssh("config", app).output()).doesNotContain("HEALTH");
        assertThat(platform.get(app, "/").body()).isEqualTo("health-port app\n");
    }

    @Test
    void aHungInstanceThatStillAcceptsConnectionsIsReplaced() throws Exception {
        String app = platform.app("it-hang");
        Shell.Result push = push("hang-on-demand", app);
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(platform.ssh("router:set", app, "first-byte-timeout", "1s").exit()).isZero();
        String before = platform.get(app, "/").body();

        assertThat(platform.get(app, "/hang").body()).isEqualTo("hanging\n");
        for (int i = 0; i < 3; i++) {
            assertThat(platform.get(app, "/").statusCode()).isEqualTo(504);
        }

        // The router ejects it for its timeouts; the scheduler's request then finds it hung.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String after = "";
        while (System.nanoTime() < deadline && !(after.startsWith("alive") && !after.equals(before))) {
            Thread.sleep(1000);
            HttpResponse<String> response = platform.get(app, "/");
            after = response.statusCode() == 200 ? response.body() : "";
        }
        assertThat(after).startsWith("alive").isNotEqualTo(before);
        assertThat(platform.ssh("logs", app, "-n", "200").output())
                .contains("web.1 accepts connections but answers no request").contains("replacing it");
    }

    @Test
    void aDockerfileAppRunsAsItsOwnUserThroughItsEntrypointAndABaseImageThatCannotBePulledIsNamed() throws Exception {
        String app = platform.app("it-dockerfile-user");
        Path repo = platform.fixtureRepo("dockerfile-entrypoint", app);

        Shell.Result push = pushRepo(repo, app);
        Shell.Result run = platform.ssh("run", app, "--", "echo run-uid=$(id -u) run-prepared=$PREPARED_BY");

        // As Dokku runs it: the image's USER (not root, so kept), the Procfile's command handed to its ENTRYPOINT.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(platform.get(app, "/").body()).isEqualTo("uid=1001 prepared=entrypoint\n");
        assertThat(run.output()).contains("run-uid=1001 run-prepared=entrypoint");

        // A base image the engine does not have and cannot pull: the push names it; the release keeps serving.
        Path dockerfile = repo.resolve("Dockerfile");
        Files.writeString(dockerfile, Files.readString(dockerfile).replaceFirst("(?m)^FROM \\S+", "FROM registry.invalid/none:1"));
        commit(repo, "a base image nobody has");
        Shell.Result refused = pushRepo(repo, app);
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("the Dockerfile's base image registry.invalid/none:1 (its FROM) could not be pulled");
        assertThat(platform.get(app, "/").body()).isEqualTo("uid=1001 prepared=entrypoint\n");
    }

    @Test
    void aDockerfileForLocalUseWhoseBaseImageIsOutOfReachGivesWayToTheBuildpacks() throws Exception {
        String app = platform.app("it-local-dockerfile");

        Shell.Result push = push("node-with-local-dockerfile", app);

        // Heroku ignores the Dockerfile; Dokku builds it. Here it is tried first, and when its base
        // image cannot be pulled, the buildpack that detects the app builds it, with a warning.
        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(push.output()).contains("the Dockerfile's base image registry.invalid/library/node:22-slim")
                .contains("building it with the buildpacks instead").contains("Detected buildpacks: slipway/nodejs")
                .as("no engines, no .nvmrc: mise's file names the version").contains("Requested: 22 (mise.toml)");
        assertThat(platform.get(app, "/").body()).isEqualTo("hello from the buildpack build\n");
    }

    private static Shell.Result push(String fixture, String app) {
        return pushRepo(platform.fixtureRepo(fixture, app), app);
    }

    private static Shell.Result pushRepo(Path repo, String app) {
        return Shell.run(repo, platform.gitEnv(platform.adminKey), "git", "push", platform.remote(app), "master");
    }

    private static void commit(Path repo, String message) {
        Shell.ok(repo, platform.gitEnv(platform.adminKey), "git", "add", "-A");
        Shell.ok(repo, platform.gitEnv(platform.adminKey), "git", "commit", "-qm", message);
    }
}
