package io.schemabot.plan;

import io.schemabot.plan.TypeChange.Type;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which casts PostgreSQL has between two types, known without a connection: pg_cast's rows between built-in
 * types, arrays element by element, and the conversions through text to and from string types. Callers see
 * through domains first ({@link ColumnType}), as PostgreSQL does; other user-defined types have only the
 * conversions through text here, so a CREATE CAST of the user's is not known.
 */
final class Casts {

    /**
     * pg_cast between built-in types, as "sources -> targets" (each source casts to each target). The same in
     * PostgreSQL 14 to 17 (multiranges came in 14); TypeCastRoundTripTest holds it against the server's own answer.
     */
    private static final Map<String, Set<String>> BUILT_IN = table("""
            smallint, integer, bigint, numeric, real, double precision
                -> smallint, integer, bigint, numeric, real, double precision
            integer, bigint, numeric -> money
            money -> numeric
            smallint, integer, bigint -> oid
            oid -> integer, bigint
            integer -> boolean, "char", bit
            boolean, "char", bit -> integer
            bigint -> bit
            bit -> bigint, bit varying
            bit varying -> bit
            date -> timestamp without time zone, timestamp with time zone
            timestamp without time zone -> date, time without time zone, timestamp with time zone
            timestamp with time zone -> date, time without time zone, time with time zone, timestamp without time zone
            time without time zone -> interval, time with time zone
            time with time zone -> time without time zone
            interval -> time without time zone
            json -> jsonb
            jsonb -> json, boolean, smallint, integer, bigint, numeric, real, double precision
            inet -> cidr
            cidr -> inet
            macaddr -> macaddr8
            macaddr8 -> macaddr
            point -> box
            lseg -> point
            box -> circle, lseg, point, polygon
            path -> polygon
            polygon -> box, circle, path, point
            circle -> box, point, polygon
            int4range -> int4multirange
            int8range -> int8multirange
            numrange -> nummultirange
            daterange -> datemultirange
            tsrange -> tsmultirange
            tstzrange -> tstzmultirange
            """);

    /** Casts that accept every value and keep what it means. */
    private static final Set<String> KEEPING = Set.of(
            "boolean -> integer", "jsonb -> json", "cidr -> inet", "macaddr -> macaddr8",
            "date -> timestamp without time zone", "date -> timestamp with time zone",
            "timestamp without time zone -> timestamp with time zone",
            "timestamp with time zone -> timestamp without time zone",
            "time without time zone -> interval", "time without time zone -> time with time zone");

    /** Casts that accept every value but may drop part of it (2 becomes true, the host bits of an inet go). */
    private static final Set<String> LOSSY = Set.of(
            "integer -> boolean", "inet -> cidr", "interval -> time without time zone",
            "time with time zone -> time without time zone",
            "timestamp without time zone -> date", "timestamp with time zone -> date",
            "timestamp without time zone -> time without time zone",
            "timestamp with time zone -> time without time zone",
            "timestamp with time zone -> time with time zone");

    private Casts() {
    }

    /** Whether {@code from::to} is accepted: an explicit cast path exists (what a USING expression may use). */
    static boolean exists(Type from, Type to) {
        if (from.name().equals(to.name()) && from.array() == to.array()) {
            return true; // the same type, at most another length or precision
        }
        if (from.textual() || to.textual()) {
            return true; // PostgreSQL converts any type to and from a string type by its output and input functions
        }
        if (from.array() || to.array()) {
            return from.array() && to.array() && exists(from.element(), to.element());
        }
        return BUILT_IN.getOrDefault(from.name(), Set.of()).contains(to.name());
    }

    /** Whether the cast accepts every value and keeps it (element types of arrays: see {@link Type#element()}). */
    static boolean keeps(Type from, Type to) {
        // Same type but for precision: timestamp(6) to timestamp(0) or an interval's fields round, never fail.
        return from.name().equals(to.name()) || KEEPING.contains(from.name() + " -> " + to.name());
    }

    /** Whether the cast accepts every value but may change some. */
    static boolean loses(Type from, Type to) {
        return LOSSY.contains(from.name() + " -> " + to.name());
    }

    private static Map<String, Set<String>> table(String lines) {
        Map<String, Set<String>> casts = new HashMap<>();
        // A line that starts with "->" goes on from the one before.
        for (String line : lines.strip().replaceAll("\n\\s*->", " ->").split("\n")) {
            String[] sides = line.split("->");
            for (String source : sides[0].split(",")) {
                for (String target : sides[1].split(",")) {
                    casts.computeIfAbsent(source.strip(), k -> new HashSet<>()).add(target.strip());
                }
            }
        }
        casts.replaceAll((k, v) -> Set.copyOf(v));
        return Map.copyOf(casts);
    }
}
