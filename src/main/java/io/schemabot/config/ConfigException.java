package io.schemabot.config;

import io.schemabot.secret.Redactor;

import java.util.List;

/** Every problem found in the configuration, one line each; start-up stops with exit status 2. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    /** A problem may quote a URL from the file: its password is hidden here. */
    public ConfigException(List<String> problems) {
        this(problems.stream().map(Redactor::urls).toList(), true);
    }

    private ConfigException(List<String> redacted, boolean unused) {
        super(String.join("\n", redacted));
        this.problems = List.copyOf(redacted);
    }

    public List<String> problems() {
        return problems;
    }
}
