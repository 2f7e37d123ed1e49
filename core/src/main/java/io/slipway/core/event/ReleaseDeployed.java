package io.slipway.core.event;

import io.slipway.core.Release;

/** A release is now serving (push, rollback, config change, template update). */
public record ReleaseDeployed(Release release) {
}
