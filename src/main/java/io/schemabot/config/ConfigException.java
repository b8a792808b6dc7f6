package io.schemabot.config;

import io.schemabot.secret.Redactor;

import java.util.List;

/** Every problem found in the configuration, one line each; start-up stops with exit status 2. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    /** A problem may quote a URL from the file: its password is hidden here. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems.stream().map(Redactor::urls).toList()));
        this.problems = problems.stream().map(Redactor::urls).toList();
    }

    public List<String> problems() {
        return problems;
    }
}
