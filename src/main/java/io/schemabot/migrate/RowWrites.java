package io.schemabot.migrate;

import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of a migration script that write rows (UPDATE, DELETE, INSERT, MERGE, COPY, TRUNCATE) and the
 * table each writes, or none for DO and CALL, which may write any. Such a migration may fix the very rows its
 * constraint would refuse: the schema-only shadow holds none of them, so only production could tell.
 */
record RowWrites(String version, List<Write> writes) {
    private static final Pattern TABLE_WRITE = Pattern.compile("(?is)^\\s*(?:WITH\\b.*?\\)\\s*)?"
            + "(UPDATE|DELETE\\s+FROM|INSERT\\s+INTO|MERGE\\s+INTO|COPY|TRUNCATE(?:\\s+TABLE)?)\\s+(?:ONLY\\s+)?"
            + "(\"(?:[^\"]|\"\")+\"(?:\\.\"(?:[^\"]|\"\")+\")?|[\\w$]+(?:\\.[\\w$\"]+)?)");
    private static final Pattern ANY_WRITE = Pattern.compile("(?is)^\\s*(DO|CALL)\\b");

    /** A statement that writes rows: its verb and the table (unqualified, unquoted), null when it could be any. */
    record Write(String verb, String table) {
    }

    RowWrites {
        writes = List.copyOf(writes);
    }

    /** The writes of a migration's script; a migration without a script (Java) may write anything. */
    static RowWrites of(String version, Optional<String> script) {
        if (script.isEmpty()) {
            return new RowWrites(version, List.of(new Write("code", null)));
        }
        List<Write> writes = new ArrayList<>();
        for (SqlStatements.Statement statement : SqlStatements.split(script.get())) {
            Matcher table = TABLE_WRITE.matcher(statement.sql());
            Matcher any = ANY_WRITE.matcher(statement.sql());
            if (table.find()) {
                writes.add(new Write(table.group(1).split("\\s+")[0].toUpperCase(Locale.ROOT),
                        Sql.unqualify(table.group(2))));
            } else if (any.find()) {
                writes.add(new Write(any.group(1).toUpperCase(Locale.ROOT), null));
            }
        }
        return new RowWrites(version, writes);
    }

    /** Which write may change the rows a check's SQL reads, as "V2 (UPDATE orders)"; empty when none. */
    Optional<String> touching(String checkSql) {
        return writes.stream()
                .filter(w -> w.table() == null || ProductionChecks.named(w.table()).matcher(checkSql).find())
                .findFirst()
                .map(w -> "V" + version + " (" + w.verb() + (w.table() == null ? "" : " " + w.table()) + ")");
    }
}
