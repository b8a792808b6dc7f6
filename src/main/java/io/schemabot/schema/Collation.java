package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A collation created in a user schema. {@code provider} is libc, icu or builtin; {@code locale} is the ICU or
 * builtin locale (null for libc), {@code lcCollate} and {@code lcCtype} libc's (null otherwise); {@code rules} are
 * ICU tailoring rules (PostgreSQL 16+), or null. The collation's version belongs to the server's library, not the
 * schema, so it is not kept.
 */
public record Collation(String schema, String name, String provider, String locale, String lcCollate,
                        String lcCtype, boolean deterministic, String rules, String comment) {

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** The options of CREATE COLLATION that make it, e.g. {@code provider = icu, locale = 'und-u-ks-level2'}. */
    public String definition() {
        List<String> options = new ArrayList<>();
        options.add("provider = " + provider);
        if ("libc".equals(provider)) {
            if (lcCollate != null && lcCollate.equals(lcCtype)) {
                options.add("locale = " + Sql.literal(lcCollate));
            } else {
                options.add("lc_collate = " + Sql.literal(String.valueOf(lcCollate)));
                options.add("lc_ctype = " + Sql.literal(String.valueOf(lcCtype)));
            }
        } else {
            options.add("locale = " + Sql.literal(String.valueOf(locale)));
        }
        if (rules != null && !rules.isEmpty()) {
            options.add("rules = " + Sql.literal(rules));
        }
        if (!deterministic) {
            options.add("deterministic = false");
        }
        return String.join(", ", options);
    }
}
