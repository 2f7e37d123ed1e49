package io.slipway.receiver;

import io.slipway.core.access.AccessDeniedException;
import io.slipway.core.store.Users;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public-key sign-in: a key the store knows signs in as its user; every other key is refused.
 * The session keeps the key, not the user: each command looks its user up again, so a key
 * removed or a role changed after sign-in counts at once, even on a connection kept open for
 * many commands (OpenSSH ControlMaster).
 */
final class KeyAuthenticator implements PublickeyAuthenticator {

    private static final AttributeKey<String> KEY = new AttributeKey<>();
    private static final Logger log = LoggerFactory.getLogger(KeyAuthenticator.class);

    private final Users users;

    KeyAuthenticator(Users users) {
        this.users = users;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        String fingerprint = PublicKeys.fingerprint(key);
        Optional<Users.User> user = users.findByKey(fingerprint);
        if (user.isEmpty()) {
            log.info("refused key {} from {}", fingerprint, session.getClientAddress());
            return false;
        }
        session.setAttribute(KEY, fingerprint);
        return true;
    }

    /** Whom the session's key belongs to now; refused when the key was removed since sign-in. */
    Users.User user(ServerSession session) {
        String fingerprint = session.getAttribute(KEY);
        return users.findByKey(fingerprint).orElseThrow(() -> {
            log.info("refused a command from {}: key {} was removed after sign-in", session.getClientAddress(), fingerprint);
            return new AccessDeniedException("the key this connection signed in with (" + fingerprint
                    + ") is no longer registered; sign in with a registered key (keys:add)");
        });
    }
}
