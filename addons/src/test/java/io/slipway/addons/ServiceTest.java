package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class ServiceTest {

    static final Credentials C = new Credentials("uabc", "S3cret", "dxyz");

    @Test
    void urlsFollowEachClientsConvention() {
        assertThat(Service.POSTGRES.url("addon-web-db", C)).isEqualTo("postgres://uabc:S3cret@addon-web-db:5432/dxyz");
        assertThat(Service.REDIS.url("addon-web-redis", C)).isEqualTo("redis://:S3cret@addon-web-redis:6379");
        assertThat(Service.MYSQL.url("addon-web-mysql", C)).isEqualTo("mysql://uabc:S3cret@addon-web-mysql:3306/dxyz");
        assertThat(Service.MEMCACHED.url("addon-web-cache", C)).isEqualTo("memcached://uabc:S3cret@addon-web-cache:11211");
    }

    @Test
    void maskedUrlHidesOnlyThePassword() {
        assertThat(Service.POSTGRES.maskedUrl("h", C)).isEqualTo("postgres://uabc:********@h:5432/dxyz").doesNotContain("S3cret");
        assertThat(Service.REDIS.maskedUrl("h", C)).isEqualTo("redis://:********@h:6379");
    }

    @Test
    void varsUseThePrefixAndMemcachedAddsWhatItsClientsRead() {
        assertThat(Service.POSTGRES.vars("DATABASE", "h", C)).containsOnlyKeys("DATABASE_URL");
        assertThat(Service.MYSQL.vars("ANALYTICS", "h", C)).containsOnlyKeys("ANALYTICS_URL");
        assertThat(Service.REDIS.vars("REDIS", "h", C)).containsExactly(
                java.util.Map.entry("REDIS_URL", "redis://:S3cret@h:6379"),
                java.util.Map.entry("REDIS_TLS_URL", "rediss://:S3cret@h:6380"));
        assertThat(Service.MEMCACHED.vars("MEMCACHE", "h", C)).containsExactly(
                java.util.Map.entry("MEMCACHE_URL", "memcached://uabc:S3cret@h:11211"),
                java.util.Map.entry("MEMCACHE_SERVERS", "h:11211"),
                java.util.Map.entry("MEMCACHE_USERNAME", "uabc"),
                java.util.Map.entry("MEMCACHE_PASSWORD", "S3cret"));
        assertThat(Service.MEMCACHED.varNames("CACHE")).containsExactly("CACHE_URL", "CACHE_SERVERS", "CACHE_USERNAME",
                "CACHE_PASSWORD");
    }

    @Test
    void defaultPrefixesAreTheHerokuStyleNames() {
        assertThat(Service.POSTGRES.defaultPrefix()).isEqualTo("DATABASE");
        assertThat(Service.REDIS.defaultPrefix()).isEqualTo("REDIS");
        assertThat(Service.MYSQL.defaultPrefix()).isEqualTo("MYSQL");
        assertThat(Service.MEMCACHED.defaultPrefix()).isEqualTo("MEMCACHE");
    }

    @Test
    void ofUnknownServiceListsTheServices() {
        assertThatThrownBy(() -> Service.of("mongodb")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown service 'mongodb'; choose one of: postgres, redis, mysql, memcached");
        assertThatThrownBy(() -> Service.of(null)).isInstanceOf(InvalidInputException.class);
        assertThat(Service.of("mysql")).isEqualTo(Service.MYSQL);
    }

    @Test
    void onlyMemcachedHasNothingToBackUp() {
        assertThat(Service.MEMCACHED.backsUp()).isFalse();
        assertThat(Service.POSTGRES.backupExtension()).isEqualTo("dump");
        assertThat(Service.REDIS.backupExtension()).isEqualTo("rdb");
        assertThat(Service.MYSQL.backupExtension()).isEqualTo("sql");
    }
}
