package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Optional;

/**
 * An immutable picture of one database's schema, as read from its catalog or from a snapshot file.
 * Names are stored raw (unquoted); {@code table} fields elsewhere hold the qualified, quoted-as-needed name.
 * Lists added after the first format stay out of the JSON when empty, so older files and fingerprints read the same.
 * {@code privileges} (grants on tables, views, sequences, columns and schemas; see {@link Privileges}) is null when
 * unknown, in files written before they were read; {@code roles}, the cluster's role names, is read live only.
 */
public record Snapshot(
        String serverVersion,
        List<Namespace> schemas,
        List<Extension> extensions,
        List<EnumType> enums,
        List<Domain> domains,
        List<Sequence> sequences,
        List<Table> tables,
        List<Index> indexes,
        List<View> views,
        List<Function> functions,
        List<Trigger> triggers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Rule> rules,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Policy> policies,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CompositeType> compositeTypes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Aggregate> aggregates,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EventTrigger> eventTriggers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Collation> collations,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TextSearchDictionary> textSearchDictionaries,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TextSearchConfig> textSearchConfigs,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Privilege> privileges,
        @com.fasterxml.jackson.annotation.JsonIgnore List<String> roles) {

    public Snapshot {
        schemas = copy(schemas);
        extensions = copy(extensions);
        enums = copy(enums);
        domains = copy(domains);
        sequences = copy(sequences);
        tables = copy(tables);
        indexes = copy(indexes);
        views = copy(views);
        functions = copy(functions);
        triggers = copy(triggers);
        rules = copy(rules);
        policies = copy(policies);
        compositeTypes = copy(compositeTypes);
        aggregates = copy(aggregates);
        eventTriggers = copy(eventTriggers);
        collations = copy(collations);
        textSearchDictionaries = copy(textSearchDictionaries);
        textSearchConfigs = copy(textSearchConfigs);
        // null: unknown (a file written before privileges were read), which no diff or plan reads as "none"
        privileges = privileges == null ? null : List.copyOf(privileges);
        roles = roles == null ? null : List.copyOf(roles);
    }

    /**
     * A snapshot without collations or text search objects, whose privileges and roles are unknown, as files
     * written before they were read.
     */
    public Snapshot(String serverVersion, List<Namespace> schemas, List<Extension> extensions, List<EnumType> enums,
                    List<Domain> domains, List<Sequence> sequences, List<Table> tables, List<Index> indexes,
                    List<View> views, List<Function> functions, List<Trigger> triggers, List<Rule> rules,
                    List<Policy> policies, List<CompositeType> compositeTypes, List<Aggregate> aggregates,
                    List<EventTrigger> eventTriggers) {
        this(serverVersion, schemas, extensions, enums, domains, sequences, tables, indexes, views, functions,
                triggers, rules, policies, compositeTypes, aggregates, eventTriggers, null, null, null, null, null);
    }

    /** Equal schemas are equal snapshots: the cluster's roles, which files do not hold, are no part of it. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && parts().equals(s.parts());
    }

    @Override
    public int hashCode() {
        return parts().hashCode();
    }

    private List<Object> parts() {
        return java.util.Arrays.asList(serverVersion, schemas, extensions, enums, domains, sequences, tables, indexes,
                views, functions, triggers, rules, policies, compositeTypes, aggregates, eventTriggers, collations,
                textSearchDictionaries, textSearchConfigs, privileges);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public Optional<Table> table(String qualifiedName) {
        return tables.stream().filter(t -> t.qualifiedName().equals(qualifiedName)).findFirst();
    }

    /** This snapshot without one table (and what hangs on it), e.g. a history table read for a clone. */
    public Snapshot withoutTable(String name) {
        String qualified = name.contains(".") ? name : io.schemabot.sql.Sql.qualified("public", name);
        return new Snapshot(serverVersion, schemas, extensions, enums, domains,
                sequences.stream().filter(s -> s.ownedBy() == null || !s.ownedBy().startsWith(qualified + ".")).toList(),
                tables.stream().filter(t -> !t.qualifiedName().equals(qualified)).toList(),
                indexes.stream().filter(i -> !i.table().equals(qualified)).toList(), views, functions,
                triggers.stream().filter(t -> !t.table().equals(qualified)).toList(),
                rules.stream().filter(r -> !r.table().equals(qualified)).toList(),
                policies.stream().filter(p -> !p.table().equals(qualified)).toList(), compositeTypes, aggregates,
                eventTriggers, collations, textSearchDictionaries, textSearchConfigs, privileges == null ? null : privileges.stream()
                        .filter(p -> !qualified.equals(p.table())).toList(), roles);
    }

    /** This snapshot with other routines, e.g. without grants to roles another cluster lacks. */
    public Snapshot withFunctions(List<Function> routines) {
        return new Snapshot(serverVersion, schemas, extensions, enums, domains, sequences, tables, indexes, views,
                routines, triggers, rules, policies, compositeTypes, aggregates, eventTriggers, collations,
                textSearchDictionaries, textSearchConfigs, privileges, roles);
    }

    /** This snapshot with other tables (a table placed otherwise, say), everything else as it is. */
    public Snapshot withTables(List<Table> replaced) {
        return new Snapshot(serverVersion, schemas, extensions, enums, domains, sequences, replaced, indexes, views,
                functions, triggers, rules, policies, compositeTypes, aggregates, eventTriggers, collations,
                textSearchDictionaries, textSearchConfigs, privileges, roles);
    }

    /** This snapshot with other indexes and views (in another tablespace, say), everything else as it is. */
    public Snapshot withIndexesAndViews(List<Index> otherIndexes, List<View> otherViews) {
        return new Snapshot(serverVersion, schemas, extensions, enums, domains, sequences, tables, otherIndexes,
                otherViews, functions, triggers, rules, policies, compositeTypes, aggregates, eventTriggers, collations,
                textSearchDictionaries, textSearchConfigs, privileges, roles);
    }

    /** This snapshot as read from a server of another version (a clone's, said to be production's). */
    public Snapshot withServerVersion(String version) {
        return new Snapshot(version, schemas, extensions, enums, domains, sequences, tables, indexes, views, functions,
                triggers, rules, policies, compositeTypes, aggregates, eventTriggers, collations,
                textSearchDictionaries, textSearchConfigs, privileges, roles);
    }

    /** This snapshot with other aggregates, as {@link #withFunctions}. */
    public Snapshot withAggregates(List<Aggregate> replaced) {
        return new Snapshot(serverVersion, schemas, extensions, enums, domains, sequences, tables, indexes, views,
                functions, triggers, rules, policies, compositeTypes, replaced, eventTriggers, collations,
                textSearchDictionaries, textSearchConfigs, privileges, roles);
    }

    /** This snapshot with other privileges on tables, sequences, columns and schemas (null: unknown). */
    public Snapshot withPrivileges(List<Privilege> replaced) {
        return new Snapshot(serverVersion, schemas, extensions, enums, domains, sequences, tables, indexes, views,
                functions, triggers, rules, policies, compositeTypes, aggregates, eventTriggers, collations,
                textSearchDictionaries, textSearchConfigs, replaced, roles);
    }

    /** This snapshot with other tables, views, triggers, rules and policies: their definitions spelt otherwise. */
    public Snapshot withDefinitions(List<Table> newTables, List<View> newViews, List<Trigger> newTriggers,
                                    List<Rule> newRules, List<Policy> newPolicies) {
        return new Snapshot(serverVersion, schemas, extensions, enums, domains, sequences, newTables, indexes,
                newViews, functions, newTriggers, newRules, newPolicies, compositeTypes, aggregates, eventTriggers,
                collations, textSearchDictionaries, textSearchConfigs, privileges, roles);
    }

    /** The server's major version (17 for "17.6"), or 0 when unknown (a hand-made snapshot file). */
    public int serverMajor() {
        try {
            return Integer.parseInt(serverVersion.split("[.\\s]")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The fingerprint of this schema; equal schemas on any two clusters give equal fingerprints. */
    public String fingerprint() {
        return Fingerprint.of(this);
    }

    public int objectCount() {
        return schemas.size() + extensions.size() + enums.size() + domains.size() + sequences.size()
                + tables.size() + indexes.size() + views.size() + functions.size() + triggers.size() + rules.size()
                + policies.size() + compositeTypes.size() + aggregates.size() + eventTriggers.size()
                + collations.size() + textSearchDictionaries.size() + textSearchConfigs.size()
                + tables.stream().mapToInt(t -> t.columns().size() + t.constraints().size()).sum();
    }
}
