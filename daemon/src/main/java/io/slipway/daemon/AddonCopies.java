package io.slipway.daemon;

import io.slipway.core.Addons;
import io.slipway.core.AppName;
import io.slipway.core.PushLog;
import io.slipway.receiver.TemplateService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gives a new app the add-ons of the app it comes from: {@code fresh} (a template's list, new and
 * empty), {@code copy} (new, with the source's data moved over through a backup), {@code attach}
 * (the same servers, shared) or {@code none}.
 */
final class AddonCopies implements TemplateService.AddonCopier {

    private final Addons addons;
    private final Path backups;

    /** {@code backups}: where the add-ons module keeps backups, as {@code APP/NAME/ID}. */
    AddonCopies(Addons addons, Path backups) {
        this.addons = addons;
        this.backups = backups;
    }

    @Override
    public void copy(AppName source, AppName target, String mode, PushLog log) {
        if (mode.equals("none")) {
            return;
        }
        for (Addons.Addon addon : addons.list(source)) {
            if (!addon.app().equals(source)) {
                continue;
            }
            switch (mode) {
                case "attach" -> addons.attach(source, addon.name(), target, log);
                case "fresh" -> addons.create(target, addon.service(), name(addon), log);
                case "copy" -> copyWithData(source, target, addon, log);
                default -> throw new IllegalArgumentException("unknown add-on mode " + mode);
            }
        }
    }

    /** A default-named add-on stays default-named, so a postgres one keeps giving DATABASE_URL. */
    private static Optional<Addons.Name> name(Addons.Addon addon) {
        return addon.name().value().equals(addon.service()) ? Optional.empty() : Optional.of(addon.name());
    }

    private void copyWithData(AppName source, AppName target, Addons.Addon addon, PushLog log) {
        addons.create(target, addon.service(), name(addon), log);
        if (addon.service().equals("memcached")) {
            return;
        }
        Addons.Backup backup = addons.backup(source, addon.name(), log);
        try {
            Path from = backups.resolve(source.value()).resolve(addon.name().value()).resolve(backup.id());
            Path to = Files.createDirectories(backups.resolve(target.value()).resolve(addon.name().value()))
                    .resolve(backup.id());
            Files.copy(from, to);
        } catch (java.io.IOException e) {
            throw new io.slipway.core.SlipwayException("cannot copy the data of " + addon.name() + ": " + e.getMessage(), e);
        }
        addons.restore(target, addon.name(), backup.id(), log);
    }
}
