package io.schemabot.diff;

import java.util.List;

/**
 * A foreign key whose columns do not have the types of the key it references. {@code side} says where:
 * "from" or "to" when one schema is internally inconsistent, "pending" when a foreign key of TO would meet
 * FROM's referenced key (the incident: a {@code character varying(36)} column against a {@code uuid} key).
 */
public record Incompatibility(String side, String table, String constraint, List<String> columns,
                              List<String> columnTypes, String refTable, List<String> refColumns,
                              List<String> refTypes) {
    public Incompatibility {
        columns = List.copyOf(columns);
        columnTypes = List.copyOf(columnTypes);
        refColumns = List.copyOf(refColumns);
        refTypes = List.copyOf(refTypes);
    }

    public String describe() {
        String prefix = switch (side) {
            case "pending" -> "foreign key " + constraint + " of the target schema cannot be created here: ";
            default -> "foreign key " + constraint + " (" + side + ") joins different types: ";
        };
        return prefix + table + "(" + String.join(", ", columns) + ") is " + String.join(", ", columnTypes)
                + " but " + refTable + "(" + String.join(", ", refColumns) + ") is " + String.join(", ", refTypes)
                + ("pending".equals(side) ? " in the live schema" : "");
    }
}
