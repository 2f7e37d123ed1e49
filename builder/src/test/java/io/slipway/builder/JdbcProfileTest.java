package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Java buildpack's launch-time profile script {@code lib/jdbc.sh}, sourced by bash as the
 * launcher does: the JDBC and Spring datasource variables Heroku's Java support derives from
 * {@code DATABASE_URL}.
 */
class JdbcProfileTest {

    static final Path SCRIPT = Path.of(System.getProperty("slipway.root", ".."))
            .resolve("buildpacks/java/lib/jdbc.sh").toAbsolutePath();

    @Test
    void postgresUrlGivesJdbcUrlWithCredentialsAndDecodedSeparateVariables() throws Exception {
        Map<String, String> env = launch(Map.of("DATABASE_URL", "postgres://app:p%40ss@db.internal:5432/blog"));

        assertThat(env.get("JDBC_DATABASE_URL")).isEqualTo("jdbc:postgresql://db.internal:5432/blog?user=app&password=p%40ss");
        assertThat(env.get("JDBC_DATABASE_USERNAME")).isEqualTo("app");
        assertThat(env.get("JDBC_DATABASE_PASSWORD")).isEqualTo("p@ss");
        assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo(env.get("JDBC_DATABASE_URL"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo("app");
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo("p@ss");
    }

    @Test
    void mysqlUrlWithQueryKeepsItsParameters() throws Exception {
        Map<String, String> env = launch(Map.of("DATABASE_URL", "mysql://root:pw@maria:3306/shop?useSSL=false"));

        assertThat(env.get("JDBC_DATABASE_URL")).isEqualTo("jdbc:mysql://maria:3306/shop?useSSL=false&user=root&password=pw");
    }

    @Test
    void variablesTheAppSetItselfAreKept() throws Exception {
        Map<String, String> env = launch(Map.of("DATABASE_URL", "postgres://a:b@h/d",
                "JDBC_DATABASE_URL", "jdbc:postgresql://elsewhere/x", "DISABLE_SPRING_DATASOURCE_URL", "true"));

        assertThat(env.get("JDBC_DATABASE_URL")).isEqualTo("jdbc:postgresql://elsewhere/x");
        assertThat(env.get("JDBC_DATABASE_USERNAME")).isEqualTo("a");
        assertThat(env).doesNotContainKey("SPRING_DATASOURCE_URL");
    }

    @Test
    void withoutDatabaseUrlAMysqlAddonUrlIsUsedAsOnHeroku() throws Exception {
        Map<String, String> env = launch(Map.of("JAWSDB_URL", "mysql://u:p@jaws:3306/db"));

        assertThat(env.get("JDBC_DATABASE_URL")).isEqualTo("jdbc:mysql://jaws:3306/db?user=u&password=p");
    }

    @Test
    void appWithItsOwnSpringDatasourceUrlGetsNoneOfSpringsVariables() throws Exception {
        Map<String, String> env = launch(Map.of("DATABASE_URL", "postgres://a:b@h/d", "SPRING_DATASOURCE_URL", "jdbc:h2:mem:x"));

        assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:h2:mem:x");
        assertThat(env).doesNotContainKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void noDatabaseOrAnotherSchemeSetsNothing() throws Exception {
        assertThat(launch(Map.of())).doesNotContainKeys("JDBC_DATABASE_URL", "SPRING_DATASOURCE_URL");
        assertThat(launch(Map.of("DATABASE_URL", "redis://cache:6379"))).doesNotContainKey("JDBC_DATABASE_URL");
    }

    /** The environment after sourcing the script in a bash that starts with {@code env} only. */
    private static Map<String, String> launch(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder(List.of("bash", "-c",
                ". \"$1\" && env -0", "jdbc-test", SCRIPT.toString()));
        bash.environment().clear();
        bash.environment().putAll(env);
        bash.redirectErrorStream(true);
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        Map<String, String> result = new TreeMap<>();
        for (String entry : out.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                result.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        assertThat(result).as("the script leaves no helper variables behind").noneSatisfy((k, v) -> assertThat(k).startsWith("_jdbc"));
        return result;
    }
}
