package io.schemabot.plan;

/**
 * A read-only query against the FROM database that proves a risky step will succeed: it counts the rows the
 * step would fail on (or lose). {@code violations} and {@code example} are filled in when the check has run;
 * {@code error} when it could not run.
 */
public record DataCheck(String object, String description, String sql, Long violations, String example,
                        String error) {

    public static DataCheck of(String object, String description, String sql) {
        return new DataCheck(object, description, sql, null, null, null);
    }

    public boolean ran() {
        return violations != null;
    }

    public boolean passed() {
        return violations != null && violations == 0;
    }

    DataCheck withResult(long count, String exampleValue) {
        return new DataCheck(object, description, sql, count, exampleValue, null);
    }

    DataCheck withError(String message) {
        return new DataCheck(object, description, sql, null, null, message);
    }

    public String outcome() {
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
