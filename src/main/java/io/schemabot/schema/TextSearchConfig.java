package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A text search configuration in a user schema: its parser (qualified) and, by token type in name order, the
 * dictionaries (qualified) consulted in turn.
 */
public record TextSearchConfig(String schema, String name, String parser, List<Mapping> mappings, String comment) {
    public TextSearchConfig {
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    /** One token type's dictionaries, in the order they are tried. */
    public record Mapping(String token, List<String> dictionaries) {
        public Mapping {
            dictionaries = List.copyOf(dictionaries);
        }
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** Parser and mappings as one line, for comparing and reporting. */
    public String definition() {
        return "PARSER = " + parser + mappings.stream().map(m -> m.token() + ": " + String.join(", ", m.dictionaries()))
                .collect(Collectors.joining("; ", mappings.isEmpty() ? "" : "; ", ""));
    }
}
