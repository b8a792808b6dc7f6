package io.schemabot.plan;

import io.schemabot.schema.Column;
import io.schemabot.schema.CompositeType;
import io.schemabot.schema.Domain;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stored columns whose values ALTER DOMAIN checks when it adds NOT NULL or a check: those of the domain and of
 * domains over it ({@code direct}), and those holding it inside an array or a composite value
 * ({@code inContainers}), which PostgreSQL refuses to check and so fails on.
 */
record DomainUsers(List<ColumnRef> direct, List<String> inContainers) {

    /** A column of a table with storage of its own, named as a data check queries it. */
    record ColumnRef(String table, String column) {
    }

    static DomainUsers of(Snapshot s, String domain) {
        Set<String> types = new LinkedHashSet<>(List.of(domain));
        // a domain over this one carries its checks, so its values are checked too
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Domain d : s.domains()) {
                grew |= types.contains(d.baseType()) && types.add(d.qualifiedName());
            }
        }
        Set<String> containers = new LinkedHashSet<>();
        types.forEach(t -> containers.add(t + "[]"));
        grew = true;
        while (grew) {
            grew = false;
            for (CompositeType c : s.compositeTypes()) {
                boolean holds = c.attributes().stream()
                        .anyMatch(a -> types.contains(a.type()) || containers.contains(a.type()));
                if (holds && containers.add(c.qualifiedName())) {
                    containers.add(c.qualifiedName() + "[]");
                    grew = true;
                }
            }
        }
        List<ColumnRef> direct = new ArrayList<>();
        List<String> inContainers = new ArrayList<>();
        for (Table t : s.tables()) {
            if (t.partitioned()) {
                continue; // its partitions hold the rows and are listed themselves
            }
            for (Column c : t.columns()) {
                if (types.contains(c.type())) {
                    direct.add(new ColumnRef(t.qualifiedName(), c.name()));
                } else if (containers.contains(c.type())) {
                    inContainers.add(t.qualifiedName() + "." + Sql.ident(c.name()));
                }
            }
        }
        return new DomainUsers(List.copyOf(direct), List.copyOf(inContainers));
    }
}
