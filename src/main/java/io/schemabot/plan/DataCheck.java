package io.schemabot.plan;

import io.schemabot.sql.Sql;

/**
 * A read-only query against the FROM database that proves a risky step will succeed: it counts the rows the
 * step would fail on (or lose). {@code violations} and {@code example} are filled in when the check has run;
 * {@code rowError} when the query stopped at a row whose value raised a data error (the step evaluates the same
 * expression, so it fails on that row too); {@code error} when it could not run, with the server's SQLSTATE in
 * {@code errorState} when the server said why.
 */
public record DataCheck(String object, String description, String sql, Long violations, String example,
                        String error, String rowError, String errorState) {

    private static final int EXAMPLE_LENGTH = 40;
    /** Undefined table, type, function: what a check meets when it names something the plan itself creates. */
    private static final java.util.Set<String> NOT_YET_THERE = java.util.Set.of("42P01", "42704", "42883");

    public DataCheck(String object, String description, String sql, Long violations, String example, String error,
                     String rowError) {
        this(object, description, sql, violations, example, error, rowError, null);
    }

    /**
     * Could not run because it names an object that does not exist yet (one the plan creates): the step it
     * guards fails inside the transaction instead, if a value does not fit, and nothing changes.
     */
    public boolean waitsForThePlan() {
        return error != null && NOT_YET_THERE.contains(errorState);
    }

    public static DataCheck of(String object, String description, String sql) {
        return new DataCheck(object, description, sql, null, null, null, null);
    }

    public boolean ran() {
        return violations != null || rowError != null;
    }

    public boolean passed() {
        return violations != null && violations == 0;
    }

    DataCheck withResult(long count, String exampleValue) {
        return new DataCheck(object, description, sql, count, shortened(exampleValue), null, null);
    }

    /**
     * An example is production data on its way to chat and CI logs: one line, and only as much as shows which
     * row it is.
     */
    private static String shortened(String value) {
        if (value == null) {
            return null;
        }
        String line = Sql.oneLine(value);
        return line.codePointCount(0, line.length()) <= EXAMPLE_LENGTH ? line
                : line.substring(0, line.offsetByCodePoints(0, EXAMPLE_LENGTH)) + "… (" + value.length() + " characters)";
    }

    DataCheck withError(String message, String sqlState) {
        return new DataCheck(object, description, sql, null, null, message, null, sqlState);
    }

    DataCheck withRowError(String message) {
        return new DataCheck(object, description, sql, null, null, null, message);
    }

    public String outcome() {
        if (rowError != null) {
            return "at least 1 row would fail: " + rowError;
        }
        if (error != null) {
            return "not checked: " + error;
        }
        if (violations == null) {
            return "not run";
        }
        if (violations == 0) {
            return "ok: 0 rows";
        }
        return violations + (violations == 1 ? " row" : " rows") + " would fail"
                + (example == null ? "" : ", e.g. " + example);
    }
}
