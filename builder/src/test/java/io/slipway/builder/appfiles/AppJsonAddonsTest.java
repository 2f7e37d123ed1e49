package io.slipway.builder.appfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.AddonPlan;
import io.slipway.core.BuildFailedException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppJsonAddonsTest {

    private static AppJsonAddons parse(String addonsJson) {
        return AppJson.parse(("{\"addons\": " + addonsJson + "}").getBytes(StandardCharsets.UTF_8)).addons();
    }

    private static void assertRefused(String addonsJson, String... fragments) {
        assertThatThrownBy(() -> parse(addonsJson)).isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith("app.json: ").hasMessageContainingAll(fragments);
    }

    @Test
    void parseWhenAddonsAreMissingGivesNone() throws Exception {
        assertThat(AppJson.parse("{}".getBytes(StandardCharsets.UTF_8)).addons()).isEqualTo(AppJsonAddons.NONE);
        JsonNode nullAddons = new ObjectMapper().readTree("{\"addons\": null}").path("addons");
        assertThat(AppJsonAddons.parse(nullAddons).plans()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "heroku-postgresql, postgres, ''",
            "heroku-postgresql:essential-0, postgres, ''",
            "postgres, postgres, ''",
            "heroku-redis:mini, redis, ''",
            "redis, redis, ''",
            "rediscloud:30, redis, rediscloud",
            "mysql, mysql, ''",
            "jawsdb-maria:kitefin, mysql, jawsdb-maria",
            "cleardb:ignite, mysql, cleardb-database",
            "memcachier:dev, memcached, memcachier",
            "memcached, memcached, ''",
            "dokku-postgres, postgres, ''",
            "dokku-mysql, mysql, database",
            "dokku-redis, redis, ''",
            "HEROKU-POSTGRESQL, postgres, ''"})
    void parseWhenAnEntryIsAPlanNameGivesItsServiceAndTheHerokuName(String plan, String service, String name) {
        AddonPlan parsed = parse("[\"" + plan + "\"]").plans().get(0);

        assertThat(parsed.plan()).isEqualTo(plan);
        assertThat(parsed.service()).isEqualTo(service);
        assertThat(parsed.name()).isEqualTo(name);
        assertThat(parsed.backupSchedule()).isEmpty();
    }

    @Test
    void parseWhenAnEntryIsAnObjectGivesItsNameAndBackupSchedule() {
        AppJsonAddons addons = parse("[{\"plan\": \"heroku-postgresql\", \"as\": \"ANALYTICS_DB\", "
                + "\"options\": {\"backup_schedule\": \"0 3 * * *\", \"backup_keep\": 14}}, \"heroku-redis\"]");

        assertThat(addons.plans()).containsExactly(
                new AddonPlan("heroku-postgresql", "postgres", "analytics-db", "0 3 * * *", 14),
                new AddonPlan("heroku-redis", "redis", "", "", AddonPlan.DEFAULT_KEEP));
        assertThat(addons.notes()).isEmpty();
    }

    @Test
    void parseWhenOnlyAScheduleIsGivenKeepsTheDefaultNumberOfBackups() {
        AddonPlan plan = parse("[{\"plan\": \"mysql\", \"options\": {\"backup_schedule\": \"*/30 * * * *\"}}]").plans().get(0);

        assertThat(plan.backupSchedule()).isEqualTo("*/30 * * * *");
        assertThat(plan.backupKeep()).isEqualTo(AddonPlan.DEFAULT_KEEP);
    }

    @Test
    void parseWhenHerokuOptionsAreGivenNotesThemAsIgnored() {
        AppJsonAddons addons = parse("[{\"plan\": \"heroku-postgresql\", \"options\": {\"version\": \"16\"}}]");

        assertThat(addons.plans()).hasSize(1);
        assertThat(addons.notes()).singleElement().asString().contains("addons[0].options.version", "ignored");
    }

    @Test
    void parseWhenThePlanIsOneThisPlatformDoesNotProvideSkipsItWithANote() {
        AppJsonAddons addons = parse("[\"heroku-postgresql\", \"papertrail:choklad\", {\"plan\": \"scheduler:standard\"}]");

        // Heroku's app.json files list add-ons such as these: the app deploys without them.
        assertThat(addons.plans()).extracting(AddonPlan::service).containsExactly("postgres");
        assertThat(addons.notes()).hasSize(2);
        assertThat(addons.notes().get(0)).contains("addons[1] asks for add-on 'papertrail:choklad', which this platform"
                + " does not provide: skipped").contains("heroku-postgresql", "jawsdb-maria", "memcachier");
        assertThat(addons.notes().get(1)).contains("addons[2] asks for add-on 'scheduler:standard'");
    }

    @Test
    void parseWhenThePlanLooksLikeAServiceThisPlatformProvidesRefusesItAsATypo() {
        assertRefused("[\"postgress\"]", "addons[0]", "unknown add-on plan 'postgress'", "heroku-postgresql");
        assertRefused("[\"heroku-postgres:mini\"]", "addons[0]", "unknown add-on plan 'heroku-postgres:mini'");
        assertRefused("[{\"plan\": \"redis-cloud\"}]", "addons[0]", "unknown add-on plan 'redis-cloud'");
    }

    @Test
    void parseWhenThePlanIsNoAddonNameRefusesIt() {
        assertRefused("[\"heroku postgresql\"]", "addons[0]", "'heroku postgresql' is not an add-on plan name",
                "heroku-postgresql");
        assertRefused("[{\"plan\": \"Mongo/Lab\"}]", "addons[0]", "'Mongo/Lab' is not an add-on plan name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"heroku-postgresql\": {}}", "\"heroku-postgresql\"", "42"})
    void parseWhenAddonsIsNotAListRefusesIt(String addons) {
        assertRefused(addons, "addons must be a list");
    }

    @Test
    void parseWhenAnEntryHasNoPlanRefusesIt() {
        assertRefused("[{\"as\": \"DB\"}]", "addons[0].plan is missing");
        assertRefused("[{\"plan\": 5}]", "addons[0].plan is missing");
        assertRefused("[7]", "addons[0] must be a plan name");
    }

    @Test
    void parseWhenTheNameIsInvalidRefusesIt() {
        assertRefused("[{\"plan\": \"redis\", \"as\": \"../etc\"}]", "addons[0].as", "invalid add-on name");
        assertRefused("[{\"plan\": \"redis\", \"as\": \"A_NAME_THAT_IS_FAR_TOO_LONG\"}]", "addons[0].as");
        assertRefused("[{\"plan\": \"redis\", \"as\": 3}]", "addons[0].as must be a name");
    }

    @Test
    void parseWhenTwoEntriesMakeTheSameNameRefusesThem() {
        assertRefused("[\"heroku-postgresql\", \"postgres:mini\"]", "addons[0] and addons[1]", "named 'postgres'");
        assertRefused("[{\"plan\": \"redis\", \"as\": \"cache\"}, {\"plan\": \"memcached\", \"as\": \"CACHE\"}]",
                "named 'cache'");
    }

    @Test
    void parseWhenTheBackupOptionsAreBadRefusesThem() {
        assertRefused("[{\"plan\": \"postgres\", \"options\": {\"backup_schedule\": \"3am daily\"}}]",
                "addons[0].options.backup_schedule '3am daily'", "0 3 * * *");
        assertRefused("[{\"plan\": \"postgres\", \"options\": {\"backup_schedule\": \"0 3 * *\"}}]", "backup_schedule");
        assertRefused("[{\"plan\": \"postgres\", \"options\": {\"backup_schedule\": 3}}]", "backup_schedule");
        assertRefused("[{\"plan\": \"postgres\", \"options\": {\"backup_schedule\": \"0 3 * * *\", \"backup_keep\": 0}}]",
                "backup_keep must be a whole number from 1 to 1000");
        assertRefused("[{\"plan\": \"postgres\", \"options\": {\"backup_schedule\": \"0 3 * * *\", \"backup_keep\": \"7\"}}]",
                "backup_keep must be");
        assertRefused("[{\"plan\": \"postgres\", \"options\": {\"backup_keep\": 7}}]", "backup_keep needs a backup_schedule");
        assertRefused("[{\"plan\": \"postgres\", \"options\": [\"backup_schedule\"]}]", "addons[0].options must be an object");
        assertRefused("[{\"plan\": \"memcachier\", \"options\": {\"backup_schedule\": \"0 3 * * *\"}}]",
                "keeps no data to back up");
    }
}
