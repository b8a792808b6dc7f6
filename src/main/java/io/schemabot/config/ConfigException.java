package io.schemabot.config;

import java.util.List;

/** Every problem found in the configuration, one line each; start-up stops with exit status 2. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
