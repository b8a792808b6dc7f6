package io.schemabot;

/** A count with its noun in the right number, for every report that says how many: "1 view", "2 views". */
public final class Plural {
    private Plural() {
    }

    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
