package io.schemabot.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of an identity column's sequence. A column keeps only those that differ from the defaults for its
 * type and direction ({@code "INCREMENT BY 10 START WITH 1000"}), so that widening an integer identity to bigint,
 * which moves a default MAXVALUE along with it, is no difference of its own.
 */
public record IdentitySequence(long increment, long minValue, long maxValue, long start, long cache, boolean cycle) {

    /** The options as a column keeps them, or null when all are the defaults. */
    public String describe(String type) {
        IdentitySequence plain = defaults(type, increment);
        List<String> options = new ArrayList<>();
        if (increment != 1) {
            options.add("INCREMENT BY " + increment);
        }
        if (minValue != plain.minValue) {
            options.add("MINVALUE " + minValue);
        }
        if (maxValue != plain.maxValue) {
            options.add("MAXVALUE " + maxValue);
        }
        if (start != (increment > 0 ? minValue : maxValue)) {
            options.add("START WITH " + start);
        }
        if (cache != 1) {
            options.add("CACHE " + cache);
        }
        if (cycle) {
            options.add("CYCLE");
        }
        return options.isEmpty() ? null : String.join(" ", options);
    }

    /** Every option, read back from what {@link #describe} kept (null: the defaults) for a column of that type. */
    public static IdentitySequence of(String type, String described) {
        String[] words = described == null ? new String[0] : described.split(" ");
        long increment = 1;
        for (int i = 0; i + 2 < words.length; i++) {
            if (words[i].equals("INCREMENT")) {
                increment = Long.parseLong(words[i + 2]);
            }
        }
        IdentitySequence plain = defaults(type, increment);
        long min = plain.minValue;
        long max = plain.maxValue;
        Long start = null;
        long cache = 1;
        boolean cycle = false;
        for (int i = 0; i < words.length; i++) {
            switch (words[i]) {
                case "MINVALUE" -> min = Long.parseLong(words[i + 1]);
                case "MAXVALUE" -> max = Long.parseLong(words[i + 1]);
                case "START" -> start = Long.parseLong(words[i + 2]);
                case "CACHE" -> cache = Long.parseLong(words[i + 1]);
                case "CYCLE" -> cycle = true;
                default -> { }
            }
        }
        return new IdentitySequence(increment, min, max, start != null ? start : increment > 0 ? min : max, cache,
                cycle);
    }

    private static IdentitySequence defaults(String type, long increment) {
        long low = switch (type) {
            case "smallint" -> Short.MIN_VALUE;
            case "integer" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long high = switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        return increment > 0 ? new IdentitySequence(increment, 1, high, 1, 1, false)
                : new IdentitySequence(increment, low, -1, -1, 1, false);
    }
}
