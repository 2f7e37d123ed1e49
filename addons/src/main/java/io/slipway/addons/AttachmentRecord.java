package io.slipway.addons;

import io.slipway.core.AppName;
import java.time.Instant;

/** An app that sees an add-on through the config vars that start with {@code prefix}. */
record AttachmentRecord(AddonRef addon, AppName app, String prefix, Instant createdAt) {
}
