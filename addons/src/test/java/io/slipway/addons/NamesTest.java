package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void nameIsReadInEitherCaseWithUnderscoresAsDashes() {
        assertThat(Name.of("ANALYTICS").value()).isEqualTo("analytics");
        assertThat(Name.of("cache_db").value()).isEqualTo("cache-db");
        assertThat(Name.of("cache-db").varPrefix()).isEqualTo("CACHE_DB");
    }

    @Test
    void nameRefusesWhatCannotBeAHostNameOrAVariable() {
        for (String bad : new String[] {"", "../x", "1db", "-db", "db-", "db_", "a b", "db.x", "x".repeat(21), "é"}) {
            assertThatThrownBy(() -> Name.of(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("invalid add-on name");
        }
        assertThatThrownBy(() -> Name.of(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Name("Upper")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void controlCharactersAreNotEchoed() {
        assertThatThrownBy(() -> Name.of("a\u001b[31m")).hasMessageNotContaining("\u001b");
    }

    @Test
    void engineObjectsAreNamedAfterAppAndAddon() {
        AddonRef ref = new AddonRef(AppName.of("web"), Name.of("db"));

        assertThat(ref.container()).isEqualTo("slipway-addon.web.db");
        assertThat(ref.volume()).isEqualTo(ref.container());
        assertThat(ref.network()).isEqualTo(ref.container());
        assertThat(ref.exposedNetwork()).isEqualTo("slipway-addon.web.db.exposed");
        assertThat(ref.alias()).isEqualTo("addon-web-db");
    }

    @Test
    void theLongestAliasIsStillADnsLabel() {
        AddonRef ref = new AddonRef(AppName.of("a" + "b".repeat(29)), Name.of("c" + "d".repeat(19)));

        assertThat(ref.alias()).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9-]+");
    }

    @Test
    void credentialsAreLongRandomAndSafeEverywhere() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        Credentials a = Credentials.generate(random);
        Credentials b = Credentials.generate(random);

        assertThat(a.username()).matches("u[a-z0-9]{15}");
        assertThat(a.database()).matches("d[a-z0-9]{15}");
        assertThat(a.password()).matches("[A-Za-z0-9]{32}");
        assertThat(a.password()).isNotEqualTo(b.password());
        assertThat(a.toString()).doesNotContain(a.password());
    }
}
