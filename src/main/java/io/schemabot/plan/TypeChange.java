package io.schemabot.plan;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changing a column's type from one format_type() string to another means: the USING expression, whether
 * the table is rewritten, whether values may be narrowed, and whether some values may fail to convert.
 */
record TypeChange(String using, boolean rewrite, boolean narrowing, boolean mayFail, Integer maxLength) {

    private static final Pattern TYPE = Pattern.compile("(.+?)(?:\\((\\d+)(?:,(\\d+))?\\))?(\\[])?");
    private static final Set<String> TEXT = Set.of("text", "character varying", "character", "citext",
            "public.citext", "name");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Set<String> NUMBERS = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision");

    /** A parsed type: base name, up to two modifiers, array or not. */
    record Type(String base, Integer mod1, Integer mod2, boolean array) {
        static Type parse(String text) {
            Matcher m = TYPE.matcher(text);
            if (!m.matches()) {
                return new Type(text, null, null, false);
            }
            return new Type(m.group(1), m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                    m.group(3) == null ? null : Integer.valueOf(m.group(3)), m.group(4) != null);
        }

        boolean textual() {
            return !array && TEXT.contains(base);
        }

        boolean numeric() {
            return !array && NUMBERS.contains(base);
        }
    }

    static TypeChange of(String column, String fromType, String toType) {
        Type from = Type.parse(fromType);
        Type to = Type.parse(toType);
        String direct = column + "::" + toType;
        if (from.array() != to.array()) {
            return new TypeChange(column + "::text::" + toType, true, false, true, null);
        }
        if (to.textual()) {
            // Through text, so the assignment to varchar(n) errors on a value too long instead of truncating it.
            boolean unbounded = to.mod1() == null && !to.base().equals("character");
            if (from.textual()) {
                boolean binaryCompatible = !from.base().equals("character") && !to.base().equals("character")
                        && (unbounded || (from.mod1() != null && from.mod1() <= to.mod1()))
                        && !(from.base().contains("citext") ^ to.base().contains("citext"));
                boolean shorter = !unbounded && (from.mod1() == null || from.mod1() > to.mod1());
                return new TypeChange(column + "::text", !binaryCompatible, shorter, shorter,
                        unbounded ? null : to.mod1());
            }
            return new TypeChange(column + "::text", true, false, !unbounded, unbounded ? null : to.mod1());
        }
        if (from.base().equals(to.base())) {
            boolean loosened = to.mod1() == null;
            boolean narrower = !loosened && (from.mod1() == null || to.mod1() < from.mod1()
                    || (to.mod2() != null && (from.mod2() == null || to.mod2() < from.mod2())));
            return new TypeChange(direct, !loosened, narrower, narrower, null);
        }
        if (from.numeric() && to.numeric()) {
            int fromRank = INTEGERS.indexOf(from.base());
            int toRank = INTEGERS.indexOf(to.base());
            boolean widening = fromRank >= 0 && (toRank > fromRank || to.base().equals("numeric") && to.mod1() == null);
            boolean toFloat = to.base().equals("real") || to.base().equals("double precision");
            boolean narrowing = !widening && !(fromRank >= 0 && toFloat && toRank < 0 && !to.base().equals("real"));
            return new TypeChange(direct, true, narrowing, narrowing, null);
        }
        if (from.textual()) {
            return new TypeChange(direct, true, false, true, null);
        }
        boolean losesTime = to.base().equals("date") && from.base().startsWith("timestamp");
        boolean timeOnly = from.base().startsWith("timestamp") && to.base().startsWith("timestamp");
        if (timeOnly) {
            return new TypeChange(direct, true, false, false, null);
        }
        return new TypeChange(column + "::text::" + toType, true, losesTime, !losesTime, null);
    }
}
