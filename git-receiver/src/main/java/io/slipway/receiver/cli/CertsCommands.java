package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.access.Right;
import io.slipway.core.event.CertificatesChanged;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Domains;
import io.slipway.receiver.tls.CertificateBundle;
import io.slipway.receiver.tls.CertificateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** certs, certs:add (chain and key on stdin), certs:remove: HTTPS certificates for an app's domains, served by SNI. */
final class CertsCommands {

    private static final int MAX_INPUT = 64 * 1024;
    private static final String HTTPS_OFF = "HTTPS is off on this platform: the router serves these once it runs "
            + "with --https-port";

    private CertsCommands() {
    }

    @Command(name = "certs", description = "List the HTTPS certificates of an app's domains.")
    static final class List_ implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        List_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.READ);
            CertificateFiles files = context.services().certificates();
            List<CertificateFiles.Installed> installed = files.list(hosts(context, app));
            List<Map<String, Object>> json = installed.stream().map(CertsCommands::json).toList();
            List<String> text = new ArrayList<>();
            if (installed.isEmpty()) {
                text.add(app.name() + " has no HTTPS certificate; add one with: cat site.crt site.key | ssh ... certs:add "
                        + app.name());
            }
            installed.forEach(c -> text.add(String.format("%-32s expires %s  issuer %s  names %s", c.domain(),
                    c.expiresAt(), c.issuer(), String.join(", ", c.names()))));
            if (!files.served()) {
                text.add(HTTPS_OFF);
            }
            output.print(context.caller(), json, text);
            return 0;
        }
    }

    @Command(name = "certs:add", description = "Add an HTTPS certificate for the app's domains it covers: "
            + "the PEM chain and its private key on stdin (cat site.crt site.key | ssh ... certs:add APP).")
    static final class Add implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Apps.App app = context.app(appName, Right.DEPLOY);
            byte[] input = context.caller().in().readNBytes(MAX_INPUT + 1);
            if (input.length > MAX_INPUT) {
                throw new InvalidInputException("stdin is longer than " + MAX_INPUT / 1024
                        + " KiB; send one certificate chain and its private key");
            }
            CertificateBundle bundle = CertificateBundle.parse(new String(input, StandardCharsets.US_ASCII), Instant.now());
            CertificateFiles files = context.services().certificates();
            List<String> covered = files.add(app.name(), hosts(context, app), bundle);
            context.services().events().publish(new CertificatesChanged(app.name(), covered));
            List<String> text = new ArrayList<>();
            text.add("Added the certificate for " + String.join(", ", covered) + " to " + app.name() + " (expires "
                    + bundle.leaf().getNotAfter().toInstant() + ")");
            if (!files.served()) {
                text.add(HTTPS_OFF);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("app", app.name().value());
            json.put("domains", covered);
            json.put("expires_at", bundle.leaf().getNotAfter().toInstant().toString());
            output.print(context.caller(), json, text);
            return 0;
        }
    }

    @Command(name = "certs:remove", description = "Remove the HTTPS certificate of one of the app's domains.")
    static final class Remove implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1", paramLabel = "DOMAIN", description = "The domain (as 'certs APP' lists it).")
        String domain;

        Remove(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.DEPLOY);
            String d = Domains.check(domain);
            List<String> hosts = hosts(context, app);
            if (!hosts.contains(d) || !context.services().certificates().remove(d)) {
                throw new InvalidInputException(app.name() + " has no certificate for " + d + "; run 'certs "
                        + app.name() + "' to see its certificates");
            }
            context.services().events().publish(new CertificatesChanged(app.name(), List.of(d)));
            output.print(context.caller(), Map.of("app", app.name().value(), "removed", d),
                    List.of("Removed the certificate for " + d + " from " + app.name()));
            return 0;
        }
    }

    /** The app's names that can have a certificate: {@code APP.DOMAIN}, its custom and wildcard domains. */
    static List<String> hosts(Context context, Apps.App app) {
        return context.services().certificates().hosts(app.name(), context.services().domains().of(app.name()));
    }

    /**
     * Removes the certificates of {@code hosts} the app no longer answers at (a removed domain, a
     * destroyed app), so that nobody given the name later is served them; the router reloads.
     * Returns the hosts that had one.
     */
    static List<String> forget(Context context, AppName app, List<String> hosts) {
        List<String> removed = hosts.stream().filter(context.services().certificates()::remove).toList();
        if (!removed.isEmpty()) {
            context.services().events().publish(new CertificatesChanged(app, removed));
        }
        return removed;
    }

    private static Map<String, Object> json(CertificateFiles.Installed c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("domain", c.domain());
        json.put("names", c.names());
        json.put("expires_at", c.expiresAt().toString());
        json.put("issuer", c.issuer());
        return json;
    }
}
