package io.slipway.addons;

import java.security.SecureRandom;

/**
 * What an app signs in to its add-on with. Letters and digits only, so they need no escaping in
 * URLs, shell lines or SQL; the password's 32 characters carry about 190 bits.
 */
record Credentials(String username, String password, String database) {

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ALPHANUMERIC = LOWER + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    static Credentials generate(SecureRandom random) {
        return new Credentials("u" + token(random, LOWER, 15), token(random, ALPHANUMERIC, 32),
                "d" + token(random, LOWER, 15));
    }

    private static String token(SecureRandom random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", ********, " + database + "]";
    }
}
