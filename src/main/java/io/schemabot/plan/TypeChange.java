package io.schemabot.plan;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changing a column's type from one format_type() string to another means: the USING expression, whether
 * the table is rewritten, whether values may be narrowed, whether some values may fail to convert, and how a data
 * check proves which ones. {@code target} is the new type under its domains.
 */
record TypeChange(String using, boolean rewrite, boolean narrowing, boolean mayFail, Integer maxLength, Proof proof,
                  Type target) {

    private static final Pattern TYPE = Pattern.compile("(.+?)(?:\\((\\d+)(?:,(\\d+))?\\))?(\\[])?");
    private static final Pattern MODIFIER = Pattern.compile("\\(\\d+(?:,\\d+)?\\)");
    private static final Set<String> TEXT = Set.of("text", "character varying", "character", "citext",
            "public.citext", "name");
    private static final Set<String> UTC = Set.of("UTC", "GMT", "ETC/UTC", "ETC/GMT", "UCT", "ZULU", "ETC/UCT");
    private static final Set<String> BIT_STRINGS = Set.of("bit", "bit varying");
    private static final Set<String> PRECISE_TIMES = Set.of("timestamp without time zone",
            "timestamp with time zone", "time without time zone", "time with time zone", "interval");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    /** The digits of the integer types' largest values: numeric(p,s) holds them all when p - s is as many. */
    private static final List<Integer> INTEGER_DIGITS = List.of(5, 10, 19);
    private static final Set<String> NUMBERS = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision");

    /** How a data check tells, before the ALTER runs, which values would fail or change. */
    enum Proof {
        /** No value fails or changes. */
        NONE,
        /** Values longer than {@code maxLength} fail. */
        LENGTH,
        /** The new type's input function reads each value's text: pg_input_is_valid says which fail. */
        INPUT,
        /** A cast between numbers fails outside the new type's range or precision, which the value shows. */
        RANGE,
        /** A cast that takes every value but may change some: casting back tells which. */
        CHANGES,
        /** Any other cast: only converting each value tells, and the first failure is the check's error. */
        CONVERSION
    }

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

        /** The type of one element: arrays are cast element by element. */
        Type element() {
            return new Type(base, mod1, mod2, false);
        }

        /**
         * The name pg_cast knows the type by: without the precision that format_type() writes inside the name
         * ("timestamp(3) with time zone") and without an interval's fields ("interval day to second").
         */
        String name() {
            String name = MODIFIER.matcher(base).replaceAll("");
            return name.startsWith("interval") ? "interval" : name;
        }
    }

    /**
     * {@code column} (quoted) from one type to another. A direct cast wherever PostgreSQL has one; the value's
     * text read as the new type only where it has none, or where a cast would cut a string short.
     */
    static TypeChange of(String column, ColumnType was, ColumnType will) {
        Type from = Type.parse(was.base());
        Type to = Type.parse(will.base());
        boolean checked = will.constrained();
        if (to.textual()) {
            // Through text, so the assignment to varchar(n) errors on a value too long instead of truncating it.
            boolean unbounded = to.mod1() == null && !to.base().equals("character");
            Integer maxLength = unbounded ? null : to.mod1();
            if (from.textual()) {
                boolean binaryCompatible = !from.base().equals("character") && !to.base().equals("character")
                        && (unbounded || (from.mod1() != null && from.mod1() <= to.mod1()))
                        && !(from.base().contains("citext") ^ to.base().contains("citext"));
                boolean shorter = !unbounded && (from.mod1() == null || from.mod1() > to.mod1());
                // No value can be too long for a length it already kept to: no check reads the table, and the
                // column is taken as it is, since through text PostgreSQL would rewrite the table to check lengths.
                return read(binaryCompatible ? column : column + "::text", to, !binaryCompatible, shorter, shorter,
                        shorter ? maxLength : null, checked);
            }
            return read(column + "::text", to, true, false, !unbounded, maxLength, checked);
        }
        String direct = column + "::" + will.written();
        String throughText = column + "::text::" + will.written();
        if (from.array() && to.array() && to.element().textual()) {
            // Cast, varchar(n)[] would cut long elements short; assigned as they are (between strings) or read
            // from the array's text, an element too long is refused.
            return read(from.element().textual() ? column : throughText, to, true, false, true, null, checked);
        }
        if (from.textual() || (from.array() && to.array() && from.element().textual())) {
            // A string is cast by the new type's input function, the same reading that pg_input_is_valid tests.
            return read(direct, to, true, false, true, null, checked);
        }
        if (BIT_STRINGS.contains(to.element().base()) && to.mod1() != null && !from.equals(to)
                && !(to.base().equals("bit varying") && from.base().equals("bit varying") && from.mod1() != null
                && from.mod1() <= to.mod1())) {
            // A cast to bit(n) or varbit(n) cuts or pads the bits, even through text; assigned, from one bit
            // string to another, a wrong length is refused.
            boolean bits = BIT_STRINGS.contains(from.element().base()) && from.array() == to.array();
            return read(bits ? column : throughText, to, true, false, true, null, checked);
        }
        if (!Casts.exists(from, to)) {
            // No cast: the text of the value read as the new type, which works only where both write values alike.
            return read(throughText, to, true, false, true, null, checked);
        }
        TypeChange cast = cast(direct, from, to);
        if (!checked) {
            return cast;
        }
        // A domain's NOT NULL or CHECK may refuse any value: only converting each one tells.
        return new TypeChange(direct, true, cast.narrowing(), true, null, Proof.CONVERSION, to);
    }

    /** A conversion that reads text with the new type's input function, so pg_input_is_valid predicts it. */
    private static TypeChange read(String using, Type to, boolean rewrite, boolean narrowing, boolean mayFail,
                                   Integer maxLength, boolean checked) {
        if (checked) {
            // The input function of a domain applies its NOT NULL and CHECKs too.
            return new TypeChange(using, true, narrowing, true, null, Proof.INPUT, to);
        }
        Proof proof = maxLength != null ? Proof.LENGTH : mayFail ? Proof.INPUT : Proof.NONE;
        return new TypeChange(using, rewrite, narrowing, mayFail, maxLength, proof, to);
    }

    /**
     * Whether converting reads or writes wall-clock time in the session's TimeZone: between a type with a time
     * zone and one without (timestamp to timestamptz, timestamptz to date, ...).
     */
    static boolean readsTimeZone(String was, String will) {
        return zoned(was) != null && zoned(will) != null && zoned(was) != zoned(will);
    }

    /**
     * Whether PostgreSQL rewrites the table for such a conversion in that zone: between timestamp and timestamptz
     * it keeps the stored values where the zone is UTC, since they then mean the same instant.
     */
    static boolean rewritesIn(String zone, String was, String will) {
        boolean timestamps = MODIFIER.matcher(was).replaceAll("").startsWith("timestamp")
                && MODIFIER.matcher(will).replaceAll("").startsWith("timestamp") && !was.endsWith("[]")
                && !will.endsWith("[]");
        return !(timestamps && UTC.contains(zone.toUpperCase(java.util.Locale.ROOT)));
    }

    /** TRUE for timestamptz and timetz, FALSE for timestamp, time and date, null for other types. */
    private static Boolean zoned(String type) {
        String name = MODIFIER.matcher(type).replaceAll("");
        if (name.endsWith("[]")) {
            name = name.substring(0, name.length() - 2);
        }
        return switch (name) {
            case "timestamp with time zone", "time with time zone", "tstzrange", "tstzmultirange" -> Boolean.TRUE;
            case "timestamp without time zone", "time without time zone", "date", "tsrange", "tsmultirange",
                 "daterange", "datemultirange" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The precision format_type() writes inside a time type's name ("time(2) with time zone"), or null. */
    private static Integer precision(Type type) {
        Matcher m = MODIFIER.matcher(type.base());
        return m.find() ? Integer.valueOf(m.group().substring(1, m.group().length() - 1)) : null;
    }

    /** A direct cast; arrays are judged by their elements. */
    private static TypeChange cast(String using, Type fromType, Type toType) {
        Type from = fromType.element();
        Type to = toType.element();
        if (from.base().equals(to.base())) {
            boolean loosened = to.mod1() == null;
            boolean narrower = !loosened && (from.mod1() == null || to.mod1() < from.mod1()
                    || (to.mod2() != null && (from.mod2() == null || to.mod2() < from.mod2())));
            Proof proof = !narrower ? Proof.NONE : to.base().equals("numeric") ? Proof.RANGE : Proof.INPUT;
            // more digits at the same scale, or a longer bit string, is a new typmod only: values stay as stored
            boolean widened = !narrower && from.mod1() != null && (to.base().equals("bit varying")
                    || to.base().startsWith("interval")
                    || to.base().equals("numeric") && Objects.equals(from.mod2() == null ? 0 : from.mod2(),
                    to.mod2() == null ? 0 : to.mod2()));
            return new TypeChange(using, !loosened && !widened, narrower, narrower, null, proof, toType);
        }
        Integer fromPrecision = precision(from);
        Integer toPrecision = precision(to);
        boolean sameType = MODIFIER.matcher(from.base()).replaceAll("")
                .equals(MODIFIER.matcher(to.base()).replaceAll(""));
        if (!from.array() && !to.array() && from.name().equals("interval") && to.name().equals("interval")
                && !sameType) {
            // fields such as "day" keep only part of each value: "1 year 2 days 03:04" becomes "1 year 2 days"
            boolean restricts = !MODIFIER.matcher(to.base()).replaceAll("").equals("interval");
            return new TypeChange(using, restricts, restricts, false, null, restricts ? Proof.CHANGES : Proof.NONE,
                    toType);
        }
        if (!from.array() && !to.array() && PRECISE_TIMES.contains(from.name()) && sameType) {
            // timestamp(3) to timestamp(6): a finer precision keeps every stored value, a coarser one rounds them
            boolean coarser = toPrecision != null && (fromPrecision == null || toPrecision < fromPrecision);
            return new TypeChange(using, coarser, coarser, false, null, coarser ? Proof.CHANGES : Proof.NONE, toType);
        }
        if (from.numeric() && to.numeric()) {
            int fromRank = INTEGERS.indexOf(from.base());
            int toRank = INTEGERS.indexOf(to.base());
            boolean widening = fromRank >= 0 && (toRank > fromRank || to.base().equals("numeric") && (to.mod1() == null
                    || to.mod1() - (to.mod2() == null ? 0 : to.mod2()) >= INTEGER_DIGITS.get(fromRank)));
            boolean toFloat = to.base().equals("real") || to.base().equals("double precision");
            // a float holds integers exactly only up to 2^24 (real) or 2^53 (double precision)
            boolean exactInFloat = fromRank >= 0 && toFloat
                    && fromRank <= (to.base().equals("double precision") ? 1 : 0);
            boolean narrowing = !widening && !exactInFloat;
            boolean bounded = toRank >= 0 || to.base().equals("numeric") && to.mod1() != null;
            Proof proof = !narrowing ? Proof.NONE : bounded ? Proof.RANGE
                    : fromRank >= 0 && toFloat ? Proof.CHANGES : Proof.CONVERSION;
            return new TypeChange(using, true, narrowing, narrowing, null, proof, toType);
        }
        if (from.base().equals("money") || to.base().equals("money")) {
            // money keeps the currency's decimal places (two, mostly): 1.2345 becomes $1.23, and $12.34 becomes
            // the integer 12 or numeric(10,0) 12
            boolean fractionsKept = to.base().equals("money") ? INTEGERS.contains(from.base())
                    : to.base().equals("numeric") && (to.mod1() == null || to.mod2() != null && to.mod2() >= 2);
            boolean changes = !fractionsKept;
            Proof proof = changes && Casts.exists(toType, fromType) ? Proof.CHANGES : Proof.NONE;
            return new TypeChange(using, true, changes, false, null, proof, toType);
        }
        if (Casts.keeps(from, to)) {
            return new TypeChange(using, true, false, false, null, Proof.NONE, toType);
        }
        if (Casts.loses(from, to)) {
            // Casting back shows the values that change, where PostgreSQL has the cast back.
            Proof proof = Casts.exists(toType, fromType) ? Proof.CHANGES : Proof.NONE;
            return new TypeChange(using, true, true, false, null, proof, toType);
        }
        // json to jsonb is pg_cast's conversion through text: jsonb's input function decides.
        Proof proof = from.base().equals("json") && to.base().equals("jsonb") ? Proof.INPUT : Proof.CONVERSION;
        return new TypeChange(using, true, false, true, null, proof, toType);
    }
}
