package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A table constraint with the definition pg_get_constraintdef prints. Foreign keys also carry their parts, so
 * that the planner can find who references whom without parsing SQL. {@code triggersDisabled}: a foreign key
 * whose triggers someone disabled (DISABLE TRIGGER ALL) checks nothing, though it says it is valid; left out of the
 * JSON when false, so older files and fingerprints read the same.
 */
public record Constraint(String name, Type type, String definition, List<String> columns, String refTable,
                         List<String> refColumns, String onDelete, String onUpdate, boolean deferrable,
                         boolean initiallyDeferred, boolean validated, String comment,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean triggersDisabled) {

    public Constraint {
        columns = List.copyOf(columns);
        refColumns = refColumns == null ? List.of() : List.copyOf(refColumns);
    }

    public enum Type {
        PRIMARY_KEY("p", "pkey"), UNIQUE("u", "key"), CHECK("c", "check"), FOREIGN_KEY("f", "fkey"),
        EXCLUSION("x", "excl");

        private final String code;
        private final String defaultSuffix;

        Type(String code, String defaultSuffix) {
            this.code = code;
            this.defaultSuffix = defaultSuffix;
        }

        public String defaultSuffix() {
            return defaultSuffix;
        }

        static Type ofCode(String code) {
            for (Type t : values()) {
                if (t.code.equals(code)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown constraint type " + code);
        }
    }
}
