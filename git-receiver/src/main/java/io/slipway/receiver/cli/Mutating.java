package io.slipway.receiver.cli;

/** A command that changes state: every run of it is written to the audit log. */
interface Mutating {
}
