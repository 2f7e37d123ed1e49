package io.slipway.receiver;

import io.slipway.core.InvalidInputException;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** OpenSSH public key lines ({@code ssh-ed25519 AAAA... comment}) and their fingerprints. */
public final class PublicKeys {

    /** A parsed key: its SHA256 fingerprint, its canonical OpenSSH text and its comment. */
    public record ParsedKey(PublicKey key, String fingerprint, String openSsh, String comment) {
    }

    private PublicKeys() {
    }

    public static ParsedKey parse(String line) {
        String text = line == null ? "" : line.strip();
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(text);
            if (entry == null) {
                throw new InvalidInputException("no public key given: pass one OpenSSH public key line (ssh-ed25519 AAAA...)");
            }
            PublicKey key = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            String comment = entry.getComment() == null ? "" : entry.getComment().strip();
            return new ParsedKey(key, fingerprint(key), PublicKeyEntry.toString(key), comment);
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidInputException("not an OpenSSH public key (" + e.getMessage()
                    + "): pass one line like 'ssh-ed25519 AAAA... name'");
        }
    }

    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }
}
