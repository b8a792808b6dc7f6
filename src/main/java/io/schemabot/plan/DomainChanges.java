package io.schemabot.plan;

import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Domain;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** ALTER DOMAIN for defaults, NOT NULL and checks; a new base type or collation is blocked. */
final class DomainChanges {
    private DomainChanges() {
    }

    static void plan(Planner planner, Domain before, Domain after) {
        String name = after.qualifiedName();
        if (!before.baseType().equals(after.baseType()) || !Objects.equals(before.collation(), after.collation())) {
            planner.step("domain " + name + " cannot be changed in place", Sql.comment("BLOCKED: domain " + name
                            + " changes its base type or collation. Manually: create a new domain, ALTER the columns"
                            + " using it to the new domain, drop the old one."), name,
                    new Hazard(Kind.BLOCKING, name, "PostgreSQL cannot change a domain's base type or collation"));
            return;
        }
        List<String> sql = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>();
        if (!Objects.equals(before.defaultExpression(), after.defaultExpression())) {
            sql.add("ALTER DOMAIN " + name + (after.defaultExpression() == null ? " DROP DEFAULT"
                    : " SET DEFAULT " + after.defaultExpression()) + ";");
        }
        if (before.notNull() != after.notNull()) {
            sql.add("ALTER DOMAIN " + name + (after.notNull() ? " SET NOT NULL" : " DROP NOT NULL") + ";");
            if (after.notNull()) {
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, name, "fails if a column of this domain holds NULLs"));
            }
        }
        for (Domain.DomainCheck check : before.checks()) {
            if (!after.checks().contains(check)) {
                sql.add("ALTER DOMAIN " + name + " DROP CONSTRAINT " + Sql.ident(check.name()) + ";");
            }
        }
        for (Domain.DomainCheck check : after.checks()) {
            if (!before.checks().contains(check)) {
                sql.add("ALTER DOMAIN " + name + " ADD CONSTRAINT " + Sql.ident(check.name()) + " "
                        + check.definition() + ";");
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, name, "fails if stored values violate "
                        + check.definition()));
            }
        }
        planner.step("alter domain " + name, String.join("\n", sql), List.of(name), hazards);
    }

    /** The domain's default and checks, as one text to search for calls. */
    static String expressions(Domain d) {
        return d.defaultExpression() + " " + d.checks().stream().map(Domain.DomainCheck::definition)
                .collect(Collectors.joining(" "));
    }
}
