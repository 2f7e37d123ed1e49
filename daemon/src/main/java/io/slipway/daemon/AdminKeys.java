package io.slipway.daemon;

import io.slipway.core.SlipwayException;
import io.slipway.core.store.Users;
import io.slipway.receiver.PublicKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin: the key file given with {@code --admin-key}, or on a first start without it
 * the invoking user's {@code ~/.ssh/id_*.pub}.
 */
final class AdminKeys {

    static final String ADMIN_USER = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminKeys.class);

    private AdminKeys() {
    }

    static void install(Users users, Optional<Path> adminKey) {
        if (adminKey.isPresent()) {
            addAll(users, adminKey.get());
            return;
        }
        if (users.hasAnyKey()) {
            return;
        }
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        List<Path> found;
        try (Stream<Path> files = Files.exists(ssh) ? Files.list(ssh) : Stream.empty()) {
            found = files.filter(p -> p.getFileName().toString().matches("id_.*\\.pub")).sorted().toList();
        } catch (IOException e) {
            found = List.of();
        }
        if (found.isEmpty()) {
            log.warn("no admin key: nobody can sign in. Restart with --admin-key FILE (an OpenSSH public key)");
        }
        found.forEach(file -> addAll(users, file));
    }

    private static void addAll(Users users, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new SlipwayException("cannot read the admin key " + file + ": " + e.getMessage(), e);
        }
        int added = 0;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            PublicKeys.ParsedKey key = PublicKeys.parse(line);
            String name = key.comment().isEmpty() ? file.getFileName().toString() : key.comment();
            users.addKey(ADMIN_USER, Users.Role.ADMIN, name, key.fingerprint(), key.openSsh());
            added++;
        }
        if (added == 0) {
            throw new SlipwayException("the admin key file " + file + " holds no public key");
        }
        log.info("authorized {} admin key(s) from {}", added, file);
    }
}
