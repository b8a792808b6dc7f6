package io.schemabot.cli;

import picocli.CommandLine.Option;

/** Flyway's baselineVersion, for the commands that build a migrations side against a database without history. */
final class BaselineOption {
    @Option(names = "--baseline-version", paramLabel = "VERSION",
            description = "Flyway's baselineVersion: a database without Flyway history is expected at this version"
                    + " (default: before the first migration).")
    String version;
}
