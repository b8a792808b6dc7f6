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
        Validated validated = new Validated(planner, name, DomainUsers.of(planner.from(), name), sql, hazards);
        if (!Objects.equals(before.defaultExpression(), after.defaultExpression())) {
            sql.add("ALTER DOMAIN " + name + (after.defaultExpression() == null ? " DROP DEFAULT"
                    : " SET DEFAULT " + after.defaultExpression()) + ";");
        }
        if (before.notNull() && !after.notNull()) {
            sql.add("ALTER DOMAIN " + name + " DROP NOT NULL;");
        } else if (after.notNull() && !before.notNull()) {
            validated.add("ALTER DOMAIN " + name + " SET NOT NULL;", "fails if a column of this domain holds NULLs",
                    "that are NULL, which domain " + name + " will refuse", "value IS NULL");
        }
        for (Domain.DomainCheck check : before.checks()) {
            if (!after.checks().contains(check)) {
                sql.add("ALTER DOMAIN " + name + " DROP CONSTRAINT " + Sql.ident(check.name()) + ";");
            }
        }
        for (Domain.DomainCheck check : after.checks()) {
            if (!before.checks().contains(check)) {
                String statement = "ALTER DOMAIN " + name + " ADD CONSTRAINT " + Sql.ident(check.name()) + " "
                        + check.definition() + ";";
                if (check.definition().endsWith(" NOT VALID")) {
                    sql.add(statement); // stored values are not checked
                } else {
                    validated.add(statement, "fails if stored values violate " + check.definition(),
                            "that violate " + check.definition(), "NOT " + check.definition().replaceFirst("^CHECK ", ""));
                }
            }
        }
        planner.step("alter domain " + name, String.join("\n", sql), List.of(name), hazards);
    }

    /**
     * Statements that make PostgreSQL check every stored value of the domain: each gets a data check per column
     * holding it, or, where arrays or composite columns hold it (which PostgreSQL cannot check), becomes a
     * BLOCKING comment with the manual steps.
     */
    private record Validated(Planner planner, String name, DomainUsers users, List<String> sql, List<Hazard> hazards) {
        void add(String statement, String failsReason, String description, String refused) {
            if (!users.inContainers().isEmpty()) {
                String columns = String.join(", ", users.inContainers());
                sql.add(Sql.comment("BLOCKED: PostgreSQL cannot check domain " + name + " inside arrays or composite"
                        + " values, which " + columns + " hold. Manually: convert those columns to types without the"
                        + " domain, run the statement below, convert them back: " + statement));
                hazards.add(new Hazard(Kind.BLOCKING, name, "PostgreSQL refuses to check a domain used inside an"
                        + " array or composite column (" + columns + ")"));
                return;
            }
            sql.add(statement);
            hazards.add(new Hazard(Kind.FAILS_ON_DATA, name, failsReason));
            users.direct().forEach(c -> planner.checks().forDomainValues(c, description, refused));
        }
    }

    /** The domain's default and checks, as one text to search for calls. */
    static String expressions(Domain d) {
        return d.defaultExpression() + " " + d.checks().stream().map(Domain.DomainCheck::definition)
                .collect(Collectors.joining(" "));
    }
}
