package io.slipway.receiver;

import io.slipway.core.store.Users;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Public-key sign-in: a key the store knows signs in as its user; every other key is refused. */
final class KeyAuthenticator implements PublickeyAuthenticator {

    static final AttributeKey<Users.User> USER = new AttributeKey<>();
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
        session.setAttribute(USER, user.get());
        return true;
    }
}
