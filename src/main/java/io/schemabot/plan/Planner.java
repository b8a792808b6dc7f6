package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Domain;
import io.schemabot.schema.EnumType;
import io.schemabot.schema.Function;
import io.schemabot.schema.Index;
import io.schemabot.schema.Sequence;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.Trigger;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a diff into an ordered plan: create what others need first (schemas, extensions, types, sequences,
 * functions), drop what depends on changing objects, change tables with one ALTER TABLE each, then add
 * constraints, indexes and foreign keys, recreate views and triggers, and drop what is no longer expected.
 */
public final class Planner {
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;
    private final PlanOptions options;
    private final List<Step> steps = new ArrayList<>();
    /** Steps that run after the transaction's COMMIT: validations of keys it added NOT VALID. */
    private final List<Step> afterCommitSteps = new ArrayList<>();
    private final DataChecks checks;
    /** Comments to set at the end, keyed by target and object: changed ones, and those of created objects. */
    private final Map<String, String[]> comments = new TreeMap<>();

    /** Routines a replacement step already dropped (a changed overload): not dropped again at the end. */
    final Set<String> droppedEarly = new java.util.HashSet<>();
    /** Set at the start of {@link #build()}. */
    private Dependents dependents;
    private ViewSteps views;

    private Planner(DiffResult diff, Snapshot from, Snapshot to, PlanOptions options) {
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.options = options;
        this.checks = new DataChecks(from);
    }

    public static Plan plan(DiffResult diff, Snapshot from, Snapshot to) {
        return plan(diff, from, to, PlanOptions.defaults());
    }

    public static Plan plan(DiffResult diff, Snapshot from, Snapshot to, PlanOptions options) {
        return new Planner(diff, from, to, options).build();
    }

    private Plan build() {
        Dependents dependents = new Dependents(diff, from, to);
        this.dependents = dependents;
        this.views = new ViewSteps(this, diff, to, dependents);
        CounterHandover counters = CounterHandover.between(from, to);
        counters.save(this);
        EventTriggerSteps eventTriggers = new EventTriggerSteps(this, diff, from, to);
        eventTriggers.dropAndDisable();
        createSchemasAndExtensions();
        new CollationSteps(this, diff, from, to).create();
        createTypes();
        new CompositeTypeSteps(this, diff, from, to).createAndExtend();
        createSequences();
        createFunctions(Phase.FIRST);
        createDomains(true);
        dropTriggers(dependents);
        RulesAndPolicies rulesAndPolicies = new RulesAndPolicies(this, diff, from, to, dependents);
        rulesAndPolicies.drop();
        views.drop(); // and the routines set aside with them
        new AggregateSteps(this, diff, from, to, dependents).drop();
        dropForeignKeys(dependents);
        dropConstraintsAndIndexes(dependents);
        new RoutineReplacements(this, diff, from, to).plan(dependents.reshaped); // and reshapes composite types
        new Detachments(this, diff, from, to).plan();
        createTables();
        // after the tables exist: functions whose signature or SQL-standard body names them
        createFunctions(Phase.AFTER_TABLES);
        new AggregateSteps(this, diff, from, to, dependents).createAndReplace();
        new TableAlterations(this, diff, from, to).plan();
        IdentityOptionChanges.plan(this, changes(Change.ColumnIdentityOptionsChanged.class));
        // after children are detached or un-inherited, and after FKs to keys that change are gone
        dropFunctions(true);
        dropTables();
        addConstraints();
        createIndexes();
        new ForeignKeySteps(this, diff, from, to, dependents).plan();
        ownSequences();
        counters.handOver(this);
        ReplicaIdentities.plan(this, from, to);
        views.create(); // and the routines set aside with them
        views.alter();
        new StorageSteps(this, from, to, views.replaced()).plan();
        createFunctions(Phase.AFTER_VIEWS);
        RoutinePrivileges.plan(this, diff, from, to);
        MaterializedViewData.plan(this, diff, views.replaced());
        createTriggers(dependents);
        PartitionTriggerStates.plan(this, diff, from, to);
        rulesAndPolicies.create();
        eventTriggers.create();
        dropSchemaLevelObjects();
        comments();
        eventTriggers.enable();
        EnumLabels.blockUseInSamePlan(steps, changes(Change.EnumLabelsChanged.class), to);
        Set<String> created = new LinkedHashSet<>(views.replaced());
        changes(Change.TableAdded.class).forEach(c -> created.add(c.table()));
        Unplanned.block(steps, diff.changes(), created);
        steps.addAll(afterCommitSteps);
        return new Plan(steps, checks.all(), diff.fromFingerprint(), diff.toFingerprint(), options);
    }

    // ---- steps and hazards --------------------------------------------------------------------------

    void step(String title, String sql, List<String> objects, List<Hazard> hazards) {
        steps.add(new Step(title, sql, objects, hazards));
    }

    void step(String title, String sql, List<String> objects, List<Hazard> hazards, List<Step.Conversion> conversions) {
        steps.add(new Step(title, sql, objects, hazards, conversions));
    }

    /** A step for after the transaction's COMMIT: the plan lists these last, in the order they were added. */
    void afterCommit(Step step) {
        afterCommitSteps.add(step);
    }

    void step(String title, String sql, String object, Hazard... hazards) {
        step(title, sql, List.of(object), List.of(hazards));
    }

    /** Whether the foreign key (table + "." + quoted name) is dropped and recreated with the other dependents. */
    boolean recreatesForeignKey(String key) {
        return dependents.foreignKeys.containsKey(key);
    }

    /** The steps planned so far, for a step that depends on what came before it. */
    List<Step> stepsSoFar() {
        return List.copyOf(steps);
    }

    /** Whether an earlier step already holds ACCESS EXCLUSIVE on the table, which lasts until COMMIT. */
    boolean lockedExclusively(String table) {
        return steps.stream().flatMap(s -> s.hazards().stream())
                .anyMatch(h -> h.kind() == Kind.ACCESS_EXCLUSIVE_LOCK && h.object().equals(table));
    }

    PlanOptions options() {
        return options;
    }

    DataChecks checks() {
        return checks;
    }

    /**
     * ACCESS EXCLUSIVE on an existing table, with its size so a lead can judge how long others wait. ALTER TABLE
     * goes down to partitions and inheritance children, so they are named too.
     */
    Hazard lock(String table) {
        List<String> below = descendants(table);
        String others = below.isEmpty() ? "" : " and of its " + (below.size() == 1 ? "child table " : below.size()
                + " child tables ") + String.join(", ", below.subList(0, Math.min(5, below.size())))
                + (below.size() > 5 ? ", ..." : "");
        return new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, table, "blocks reads and writes of " + table + size(table)
                + others + " until COMMIT");
    }

    /** ACCESS EXCLUSIVE on each of these that exists in FROM, once each. */
    List<Hazard> locks(List<String> tables) {
        return new LinkedHashSet<>(tables).stream().filter(t -> t != null && from.table(t).isPresent())
                .map(this::lock).toList();
    }

    /** FROM's partitions and inheritance children of the table, and theirs, in name order. */
    List<String> descendants(String table) {
        Set<String> found = new java.util.TreeSet<>();
        List<String> next = new ArrayList<>(List.of(table));
        while (!next.isEmpty()) {
            String parent = next.remove(next.size() - 1);
            for (Table t : from.tables()) {
                if ((parent.equals(t.partitionOf()) || t.inherits().contains(parent)) && found.add(t.qualifiedName())) {
                    next.add(t.qualifiedName());
                }
            }
        }
        return List.copyOf(found);
    }

    String size(String table) {
        Table t = from.table(table).orElse(null);
        if (t == null || t.stats() == null) {
            return "";
        }
        long rows = t.stats().estimatedRows();
        long bytes = t.stats().bytes();
        if (t.partitioned()) {
            // a partitioned table holds nothing itself: its bytes are its partitions' (ANALYZE on the parent
            // counts the rows of all of them, so those are taken from the partitions only when it has not run)
            long partitionRows = 0;
            for (String p : descendants(table)) {
                Table.TableStats s = from.table(p).map(Table::stats).orElse(null);
                if (s != null) {
                    partitionRows += s.estimatedRows();
                    bytes += s.bytes();
                }
            }
            rows = Math.max(rows, partitionRows);
        }
        return rows == 0 && bytes == 0 ? " (empty, or not yet analyzed)"
                : " (~" + String.format("%,d", rows) + " rows, " + humanBytes(bytes) + ")";
    }

    private static String humanBytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format("%.1f MB", bytes / (double) (1L << 20));
        }
        return Math.max(bytes / 1024, 0) + " kB";
    }

    private <T extends Change> List<T> changes(Class<T> kind) {
        return diff.changes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    // ---- phases -------------------------------------------------------------------------------------

    private void createSchemasAndExtensions() {
        for (Change.SchemaAdded c : changes(Change.SchemaAdded.class)) {
            step("create schema " + c.schema(), "CREATE SCHEMA " + c.schema() + ";", c.schema());
            to.schemas().stream().filter(n -> n.qualifiedName().equals(c.schema())).findFirst()
                    .ifPresent(n -> remember("SCHEMA", c.schema(), n.comment()));
        }
        for (Change.ExtensionAdded c : changes(Change.ExtensionAdded.class)) {
            step("create extension " + c.extension(), "CREATE EXTENSION IF NOT EXISTS " + c.extension()
                    + " WITH SCHEMA " + Sql.ident(c.schema()) + " VERSION " + Sql.literal(c.version()) + ";", c.extension());
            to.extensions().stream().filter(x -> Sql.ident(x.name()).equals(c.extension())).findFirst()
                    .ifPresent(x -> remember("EXTENSION", c.extension(), x.comment()));
        }
        for (Change.ExtensionChanged c : changes(Change.ExtensionChanged.class)) {
            ExtensionUpdates.plan(this, c.extension());
        }
    }

    private void createTypes() {
        for (Change.EnumAdded c : changes(Change.EnumAdded.class)) {
            step("create enum " + c.type(), "CREATE TYPE " + c.type() + " AS ENUM ("
                    + c.labels().stream().map(Sql::literal).collect(Collectors.joining(", ")) + ");", c.type());
            remember("TYPE", c.type(), enumType(to, c.type()).comment());
        }
        for (Change.EnumLabelsChanged c : changes(Change.EnumLabelsChanged.class)) {
            EnumLabels.plan(this, c);
        }
        createDomains(false);
    }

    /**
     * Domains come before routines, whose signatures may name them; those whose default or checks call a routine
     * this plan adds come right after it instead.
     */
    private void createDomains(boolean callingNewRoutines) {
        for (Change.DomainAdded c : changes(Change.DomainAdded.class)) {
            if (callsNewRoutine(domain(to, c.domain())) != callingNewRoutines) {
                continue;
            }
            step("create domain " + c.domain(), "CREATE DOMAIN " + c.domain() + " AS " + c.definition() + ";",
                    c.domain());
            remember("DOMAIN", c.domain(), domain(to, c.domain()).comment());
        }
        for (Change.DomainChanged c : changes(Change.DomainChanged.class)) {
            if (callsNewRoutine(domain(to, c.domain())) == callingNewRoutines) {
                DomainChanges.plan(this, domain(from, c.domain()), domain(to, c.domain()));
            }
        }
    }

    private boolean callsNewRoutine(Domain d) {
        return RoutineUsers.calls(changes(Change.FunctionAdded.class).stream().map(c -> function(to, c.function()))
                .filter(f -> phase(f) == Phase.FIRST).toList()).matcher(DomainChanges.expressions(d)).find();
    }



    private static Domain domain(Snapshot s, String name) {
        return s.domains().stream().filter(d -> d.qualifiedName().equals(name)).findFirst().orElseThrow();
    }

    private void createSequences() {
        for (Change.SequenceAdded c : changes(Change.SequenceAdded.class)) {
            Sequence s = sequence(to, c.sequence());
            String givenUp = identityGivenUp(s);
            step("create sequence " + c.sequence(), givenUp + Ddl.createSequence(s), List.of(c.sequence()),
                    givenUp.isEmpty() ? List.of() : locks(List.of(s.ownerTable())));
            remember("SEQUENCE", c.sequence(), s.comment());
        }
        // Sequences of serial columns on new tables: the diff folds them into the table.
        for (Change.TableAdded c : changes(Change.TableAdded.class)) {
            for (Sequence s : ownedSequences(to, c.table())) {
                if (from.sequences().stream().noneMatch(x -> x.qualifiedName().equals(s.qualifiedName()))) {
                    step("create sequence " + s.qualifiedName() + " for " + c.table(), Ddl.createSequence(s),
                            s.qualifiedName());
                    remember("SEQUENCE", s.qualifiedName(), s.comment());
                }
            }
        }
        for (Change.SequenceChanged c : changes(Change.SequenceChanged.class)) {
            SequenceRange.plan(this, sequence(from, c.sequence()), sequence(to, c.sequence()));
        }
    }

    /**
     * A serial column that was an identity column: the identity's own sequence usually has the very name the new
     * one takes (table_column_seq), so the identity goes first (its ALTER TABLE below says IF EXISTS).
     */
    private String identityGivenUp(Sequence s) {
        if (s.ownedBy() == null) {
            return "";
        }
        for (Table t : from.tables()) {
            for (Column col : t.columns()) {
                String owner = t.qualifiedName() + "." + Sql.ident(col.name());
                if (owner.equals(s.ownedBy()) && col.identity() != null && to.table(t.qualifiedName())
                        .flatMap(k -> k.columns().stream().filter(x -> x.name().equals(col.name())).findFirst())
                        .map(x -> x.identity() == null).orElse(false)) {
                    return "ALTER TABLE " + t.qualifiedName() + " ALTER COLUMN " + Sql.ident(col.name()) + " DROP IDENTITY;\n";
                }
            }
        }
        return "";
    }

    private static List<Sequence> ownedSequences(Snapshot s, String table) {
        return s.sequences().stream().filter(q -> q.ownedBy() != null && q.ownedBy().startsWith(table + "."))
                .toList();
    }

    private static Sequence sequence(Snapshot s, String name) {
        return s.sequences().stream().filter(q -> q.qualifiedName().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Functions first, so defaults, checks and triggers can use them; those whose signature names a table or view
     * (RETURNS SETOF users, a row-type argument) or whose SQL-standard body is parsed at once come after tables.
     */
    /** When a routine can be created: it may name tables (row types, SQL-standard bodies) or views. */
    private enum Phase { FIRST, AFTER_TABLES, AFTER_VIEWS }

    private Phase phase(Function f) {
        if (needsViews(f)) {
            return Phase.AFTER_VIEWS;
        }
        return needsTables(f) ? Phase.AFTER_TABLES : Phase.FIRST;
    }

    private void createFunctions(Phase phase) {
        for (Change.FunctionAdded c : changes(Change.FunctionAdded.class)) {
            Function f = function(to, c.function());
            if (phase(f) == phase) {
                step("create " + (c.procedure() ? "procedure " : "function ") + c.function(),
                        Ddl.statement(f.definition()), c.function());
                remember(c.procedure() ? "PROCEDURE" : "FUNCTION", c.function(), f.comment());
            }
        }
        for (Change.FunctionChanged c : changes(Change.FunctionChanged.class)) {
            Function before = function(from, c.function());
            Function after = function(to, c.function());
            if (!needsReplacement(before, after) && !setAside(c.function()) && phase(after) == phase) {
                step("replace function " + c.function(), Ddl.statement(after.definition()), c.function());
                remember(after.procedure() ? "PROCEDURE" : "FUNCTION", c.function(), after.comment());
            }
        }
    }

    /** Whether the routine is dropped before the views and created again after them (see Dependents). */
    boolean setAside(String signature) {
        return dependents.routinesToSetAside.stream().anyMatch(f -> f.signature().equals(signature));
    }

    /**
     * Dropped functions go last, except those tied to a dropped table's row type: they go before the table. A
     * routine whose SQL-standard body calls another goes before it.
     */
    private void dropFunctions(boolean beforeTables) {
        Set<String> doomed = changes(Change.TableDropped.class).stream().map(Change::table).collect(Collectors.toSet());
        List<Function> going = new ArrayList<>();
        for (Change.FunctionDropped c : changes(Change.FunctionDropped.class)) {
            Function f = function(from, c.function());
            boolean tied = doomed.stream().anyMatch(t -> Dependents.mentions(f.arguments() + " " + f.result(), t)
                    || (f.definition().contains("BEGIN ATOMIC") && Dependents.mentions(f.definition(), t)));
            if (!droppedEarly.contains(c.function()) && tied == beforeTables) {
                going.add(f);
            }
        }
        List<Object> order = Views.creationOrder(going);
        for (int i = order.size() - 1; i >= 0; i--) {
            Function f = (Function) order.get(i);
            step("drop " + (f.procedure() ? "procedure " : "function ") + f.signature(),
                    "DROP " + (f.procedure() ? "PROCEDURE " : "FUNCTION ") + f.signature() + ";", f.signature());
        }
    }

    /**
     * Whether CREATE OR REPLACE cannot turn one routine into the other: PostgreSQL refuses to change its kind, its
     * result (OUT parameters included), the names of its parameters, or to remove parameter defaults.
     */
    static boolean needsReplacement(Function before, Function after) {
        return !java.util.Objects.equals(before.result(), after.result()) || before.procedure() != after.procedure()
                || !before.arguments().equals(after.arguments())
                || defaults(after.declaredParameters()) < defaults(before.declaredParameters());
    }

    private static long defaults(String parameters) {
        return Pattern.compile(" DEFAULT ").matcher(parameters).results().count();
    }

    /** Whether the routine can only be created once the tables exist (its signature or SQL-standard body names one). */
    boolean needsTables(Function f) {
        Set<String> relations = new LinkedHashSet<>();
        to.tables().forEach(t -> relations.add(t.qualifiedName()));
        to.views().forEach(v -> relations.add(v.qualifiedName()));
        return relations.stream().anyMatch(r -> namesRelation(f, r));
    }

    /** A routine naming a view in its signature needs the view; one with a SQL-standard body also needs the columns it reads. */
    private boolean needsViews(Function f) {
        return to.views().stream().anyMatch(v -> namesRelation(f, v.qualifiedName()))
                || (standardBody(f) && needsTables(f));
    }

    /** Whether PostgreSQL ties the routine to the relation: its signature names it, or its SQL-standard body reads it. */
    static boolean namesRelation(Function f, String relation) {
        return Dependents.mentions(f.arguments() + " " + f.result(), relation)
                || (standardBody(f) && Dependents.mentions(f.definition(), relation));
    }

    /** BEGIN ATOMIC ... END or RETURN expr: parsed at creation, with real dependencies (unlike a string body after AS). */
    static boolean standardBody(Function f) {
        String d = f.definition();
        return !d.contains("\nAS ") && (d.contains("\nBEGIN ATOMIC") || d.contains("\nRETURN "));
    }

    private static Function function(Snapshot s, String signature) {
        return s.functions().stream().filter(f -> f.signature().equals(signature)).findFirst().orElseThrow();
    }

    /** Whether the trigger (table + "." + quoted name) is dropped and created by the trigger steps of this plan. */
    boolean recreatesTrigger(String key) {
        return triggersOnRetypedColumns().contains(key) || diff.changes().stream().anyMatch(c -> c.object().equals(key))
                || dependents.viewsToDrop.stream().anyMatch(v -> key.startsWith(v.qualifiedName() + "."));
    }

    /** Triggers PostgreSQL ties to a column whose type changes (UPDATE OF col, WHEN on it): rebuilt around it. */
    private Set<String> triggersOnRetypedColumns() {
        Set<String> keys = new LinkedHashSet<>();
        for (Change c : diff.changes()) {
            if (c instanceof Change.ColumnTypeChanged t) {
                for (Trigger trigger : from.triggers()) {
                    if (trigger.table().equals(t.table()) && Dependents.mentions(trigger.definition(), t.column())
                            && to.triggers().stream().anyMatch(x -> x.table().equals(trigger.table())
                            && x.name().equals(trigger.name()))) {
                        keys.add(trigger.table() + "." + Sql.ident(trigger.name()));
                    }
                }
            }
        }
        return keys;
    }

    private void dropTriggers(Dependents dependents) {
        for (String key : triggersOnRetypedColumns()) {
            Trigger t = from.triggers().stream().filter(x -> (x.table() + "." + Sql.ident(x.name())).equals(key))
                    .findFirst().orElseThrow();
            if (diff.changes().stream().noneMatch(c -> c.object().equals(key))) {
                step("drop trigger " + Sql.ident(t.name()) + " on " + t.table() + " (a column it names changes type;"
                        + " recreated below)", "DROP TRIGGER " + Sql.ident(t.name()) + " ON " + t.table() + ";",
                        List.of(key), locks(List.of(t.table())));
            }
        }
        Set<String> droppedViews = dependents.viewsToDrop.stream().map(View::qualifiedName).collect(Collectors.toSet());
        Set<String> droppedTables = tableNames(changes(Change.TableDropped.class).stream().map(Change::table).toList());
        for (Change c : diff.changes()) {
            String table;
            String name;
            if (c instanceof Change.TriggerDropped t) {
                table = t.table();
                name = t.trigger();
            } else if (c instanceof Change.TriggerChanged t) {
                table = t.table();
                name = t.trigger();
            } else {
                continue;
            }
            if (!droppedTables.contains(table) && !droppedViews.contains(table)) {
                step("drop trigger " + name + " on " + table, "DROP TRIGGER " + name + " ON " + table + ";",
                        List.of(table + "." + name), locks(List.of(table)));
            }
        }
    }

    private static Set<String> tableNames(List<String> names) {
        return new LinkedHashSet<>(names);
    }

    private void dropForeignKeys(Dependents dependents) {
        for (Dependents.ForeignKey fk : dependents.foreignKeys.values()) {
            String suffix = fk.to() == null ? "" : " (recreated below)";
            step("drop foreign key " + Sql.ident(fk.from().name()) + " on " + fk.table() + ": " + fk.reason() + suffix,
                    Ddl.dropConstraint(fk.table(), Sql.ident(fk.from().name())),
                    List.of(fk.table() + "." + Sql.ident(fk.from().name())),
                    // the key's triggers on the referenced table go too
                    locks(List.of(fk.table(), fk.from().refTable())));
        }
    }

    private void dropConstraintsAndIndexes(Dependents dependents) {
        Set<String> dropped = changes(Change.TableDropped.class).stream().map(Change::table)
                .collect(Collectors.toSet());
        // dropping a table or materialized view drops its indexes and constraints with it
        dependents.viewsToDrop.forEach(v -> dropped.add(v.qualifiedName()));
        for (Change c : diff.changes()) {
            if (c instanceof Change.ConstraintDropped d && !d.type().equals("FOREIGN_KEY")
                    && !dropped.contains(d.table())) {
                step("drop constraint " + d.constraint() + " on " + d.table(),
                        Ddl.dropConstraint(d.table(), d.constraint()), d.object(), lock(d.table()));
            } else if (c instanceof Change.ConstraintChanged d) {
                step("drop constraint " + d.constraint() + " on " + d.table() + " (re-added below)",
                        Ddl.dropConstraint(d.table(), d.constraint()), d.object(), lock(d.table()));
            } else if ((c instanceof Change.IndexDropped || c instanceof Change.IndexChanged)
                    && !dropped.contains(c.table())) {
                step("drop index " + c.object() + (c instanceof Change.IndexChanged ? " (recreated below)" : ""),
                        "DROP INDEX " + c.object() + ";", c.object(), lock(c.table()));
            }
        }
    }

    private void dropTables() {
        List<String> names = changes(Change.TableDropped.class).stream().map(Change.TableDropped::table).toList();
        if (names.isEmpty()) {
            return;
        }
        // One statement: tables that reference each other go together; partitions go with their parent.
        List<String> roots = names.stream().filter(n -> from.table(n).map(t -> t.partitionOf() == null
                || !names.contains(t.partitionOf())).orElse(true)).toList();
        List<Hazard> hazards = new ArrayList<>();
        List<String> neighbours = new ArrayList<>();
        for (String n : names) {
            hazards.add(new Hazard(Kind.DATA_LOSS, n, "drops table " + n + size(n) + " and its rows"));
            from.table(n).ifPresent(t -> {
                neighbours.add(t.partitionOf());
                t.foreignKeys().forEach(fk -> neighbours.add(fk.refTable()));
            });
        }
        // a partition's parent, and the tables its foreign keys reference, are locked while it goes
        hazards.addAll(locks(neighbours.stream().filter(n -> n != null && !names.contains(n)).toList()));
        step("drop tables not expected", "DROP TABLE " + String.join(", ", roots) + ";", names, hazards);
    }

    /** The DEFAULT partition a new partition's existing parent already has, which the new one takes rows from. */
    private Optional<Table> defaultPartition(Table partition) {
        if (partition.partitionOf() == null || from.table(partition.partitionOf()).isEmpty()
                || "DEFAULT".equals(partition.partitionBound())) {
            return Optional.empty();
        }
        return from.tables().stream().filter(d -> partition.partitionOf().equals(d.partitionOf())
                && "DEFAULT".equals(d.partitionBound())).findFirst();
    }

    private void createTables() {
        List<Table> added = changes(Change.TableAdded.class).stream()
                .map(c -> to.table(c.table()).orElseThrow()).toList();
        for (Table t : parentsFirst(added)) {
            // CREATE TABLE ... PARTITION OF locks the parent exclusively
            List<Hazard> hazards = new ArrayList<>(t.partitionOf() == null ? List.of() : locks(List.of(t.partitionOf())));
            defaultPartition(t).ifPresent(d -> {
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, t.qualifiedName(), "fails if the default partition "
                        + d.qualifiedName() + " holds rows that belong in " + t.qualifiedName() + " (move them first)"));
                checks.forNewPartition(d.qualifiedName(), from.table(t.partitionOf()).orElseThrow().partitionKey(),
                        t.partitionBound(), t.qualifiedName());
            });
            step("create table " + t.qualifiedName(), Ddl.createTable(t), List.of(t.qualifiedName()), hazards);
            remember("TABLE", t.qualifiedName(), t.comment());
            for (Column col : t.columns()) {
                remember("COLUMN", t.qualifiedName() + "." + Sql.ident(col.name()), col.comment());
            }
            for (Constraint k : t.constraints()) {
                remember("CONSTRAINT", Sql.ident(k.name()) + " ON " + t.qualifiedName(), k.comment());
            }
        }
    }

    private static List<Table> parentsFirst(List<Table> tables) {
        List<Table> pending = new ArrayList<>(tables);
        List<Table> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            Table next = pending.stream().filter(t -> pending.stream().noneMatch(p -> p != t
                    && (p.qualifiedName().equals(t.partitionOf()) || t.inherits().contains(p.qualifiedName()))))
                    .findFirst().orElse(pending.get(0));
            ordered.add(next);
            pending.remove(next);
        }
        return ordered;
    }

    private void addConstraints() {
        for (Change.TableAdded added : changes(Change.TableAdded.class)) {
            Table t = to.table(added.table()).orElseThrow();
            for (Constraint k : t.constraints()) {
                if (k.type() != Constraint.Type.FOREIGN_KEY && !Ddl.inlineInCreateTable(k)) {
                    step("add constraint " + Sql.ident(k.name()) + " on " + t.qualifiedName(),
                            Ddl.addConstraint(t.qualifiedName(), k), t.qualifiedName() + "." + Sql.ident(k.name()));
                }
            }
        }
        for (Change c : diff.changes()) {
            String table;
            String name;
            if (c instanceof Change.ConstraintAdded a && !a.type().equals("FOREIGN_KEY")) {
                table = a.table();
                name = a.constraint();
            } else if (c instanceof Change.ConstraintChanged a) {
                table = a.table();
                name = a.constraint();
            } else {
                continue;
            }
            if (changes(Change.TableAdded.class).stream().anyMatch(t -> t.table().equals(table))) {
                continue; // created with its table
            }
            Constraint k = constraint(to, table, name);
            if (Detachments.keeps(from, to, table, k)) {
                continue; // the detached partition keeps its copy of its parent's constraint
            }
            List<Hazard> hazards = new ArrayList<>(List.of(lock(table)));
            if (k.type() != Constraint.Type.CHECK || k.validated()) {
                hazards.add(new Hazard(Kind.FAILS_ON_DATA, table + "." + name, "fails if existing rows violate "
                        + k.definition()));
                checks.forNewConstraint(table, k);
            }
            if (k.type() == Constraint.Type.PRIMARY_KEY || k.type() == Constraint.Type.UNIQUE
                    || k.type() == Constraint.Type.EXCLUSION) {
                hazards.add(new Hazard(Kind.INDEX_BUILD, table + "." + name, "builds an index on " + table
                        + size(table)));
            }
            step("add constraint " + name + " on " + table, Ddl.addConstraint(table, k),
                    List.of(table + "." + name), hazards);
            remember("CONSTRAINT", name + " ON " + table, k.comment());
        }
    }

    static Constraint constraint(Snapshot s, String table, String quotedName) {
        return s.table(table).orElseThrow().constraints().stream()
                .filter(c -> Sql.ident(c.name()).equals(quotedName)).findFirst().orElseThrow();
    }

    private void createIndexes() {
        Set<String> recreatedViews = views.replaced();
        for (Change c : diff.changes()) {
            if (c instanceof Change.IndexAdded || c instanceof Change.IndexChanged) {
                if (recreatedViews.contains(c.table())) {
                    continue; // built with its materialized view below
                }
                Index index = index(to, c.object());
                boolean newTable = changes(Change.TableAdded.class).stream().anyMatch(t -> t.table().equals(c.table()));
                List<Hazard> hazards = new ArrayList<>();
                if (!newTable) {
                    hazards.add(new Hazard(Kind.INDEX_BUILD, c.object(), "builds the index while writes to "
                            + c.table() + size(c.table()) + " wait"));
                    if (index.unique()) {
                        hazards.add(new Hazard(Kind.FAILS_ON_DATA, c.object(), "fails if existing rows are not unique"));
                        checks.forNewUniqueIndex(c.table(), index);
                    }
                }
                step("create index " + c.object(), Ddl.statement(index.creation()), List.of(c.object()), hazards);
                remember("INDEX", c.object(), index.comment());
            }
        }
    }

    private static Index index(Snapshot s, String qualifiedName) {
        return s.indexes().stream().filter(i -> i.qualifiedName().equals(qualifiedName)).findFirst().orElseThrow();
    }

    private void ownSequences() {
        for (Change.TableAdded c : changes(Change.TableAdded.class)) {
            ownedSequences(to, c.table()).forEach(this::attach);
        }
        for (Change.SequenceAdded c : changes(Change.SequenceAdded.class)) {
            Sequence s = sequence(to, c.sequence());
            if (s.ownedBy() != null) {
                attach(s);
            }
        }
        for (Change.SequenceChanged c : changes(Change.SequenceChanged.class)) {
            Sequence s = sequence(to, c.sequence());
            if (s.ownedBy() != null) {
                attach(s);
            }
        }
    }

    /**
     * OWNED BY needs the sequence and the table to have one owner: a production table belongs to the application's
     * role while the plan's runner creates the sequence, so the sequence goes to the table's owner first.
     */
    private void attach(Sequence s) {
        String owner = "(SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = " + Sql.literal(s.ownerTable())
                + "::regclass)";
        String sequence = Sql.literal(s.qualifiedName()) + "::regclass";
        step("attach sequence " + s.qualifiedName() + " to " + s.ownedBy(),
                "DO " + Sql.dollarQuoted("DECLARE o name := " + owner + "; BEGIN IF o <> (SELECT"
                        + " pg_get_userbyid(relowner) FROM pg_class WHERE oid = " + sequence + ") THEN EXECUTE"
                        + " format('ALTER SEQUENCE %s OWNER TO %I', " + sequence + ", o); END IF; END") + ";\n"
                        + "ALTER SEQUENCE " + s.qualifiedName() + " OWNED BY " + s.ownedBy() + ";",
                s.qualifiedName());
    }

    private void createTriggers(Dependents dependents) {
        Set<String> recreatedViews = dependents.viewsToDrop.stream().map(View::qualifiedName)
                .collect(Collectors.toSet());
        Set<String> wanted = new LinkedHashSet<>();
        for (Change c : diff.changes()) {
            if (c instanceof Change.TriggerAdded || c instanceof Change.TriggerChanged) {
                wanted.add(c.object());
            }
        }
        wanted.addAll(triggersOnRetypedColumns());
        for (Trigger t : to.triggers()) {
            String key = t.table() + "." + Sql.ident(t.name());
            if (wanted.contains(key) || recreatedViews.contains(t.table())) {
                String sql = Ddl.createTrigger(t);
                step("create trigger " + Sql.ident(t.name()) + " on " + t.table(), sql, key);
                remember("TRIGGER", Sql.ident(t.name()) + " ON " + t.table(), t.comment());
            }
        }
    }

    private void dropSchemaLevelObjects() {
        Set<String> droppedColumns = changes(Change.ColumnDropped.class).stream().map(Change::object)
                .collect(Collectors.toSet());
        for (Change.SequenceDropped c : changes(Change.SequenceDropped.class)) {
            String owner = sequence(from, c.sequence()).ownedBy();
            if (owner != null && droppedColumns.contains(owner)) {
                continue; // DROP COLUMN already dropped the sequence it owned
            }
            step("drop sequence " + c.sequence(), "DROP SEQUENCE " + c.sequence() + ";", c.sequence(),
                    new Hazard(Kind.DATA_LOSS, c.sequence(), "the sequence's current value is lost"));
        }
        // a domain whose default or checks call a routine that goes must go first; the others after the
        // routines, whose signatures may name them
        Pattern callsDropped = RoutineUsers.calls(changes(Change.FunctionDropped.class).stream().map(c -> function(from, c.function())).toList());
        List<String> domainsLast = new ArrayList<>();
        for (Change.DomainDropped c : changes(Change.DomainDropped.class)) {
            Domain d = domain(from, c.domain());
            if (callsDropped.matcher(DomainChanges.expressions(d)).find()) {
                step("drop domain " + c.domain(), "DROP DOMAIN " + c.domain() + ";", c.domain());
            } else {
                domainsLast.add(c.domain());
            }
        }
        dropFunctions(false);
        new CompositeTypeSteps(this, diff, from, to).drop();
        for (String d : domainsLast) {
            step("drop domain " + d, "DROP DOMAIN " + d + ";", d);
        }
        EnumRecreation.dropOld(this, changes(Change.EnumLabelsChanged.class));
        for (Change.EnumDropped c : changes(Change.EnumDropped.class)) {
            step("drop type " + c.type(), "DROP TYPE " + c.type() + ";", c.type());
        }
        new CollationSteps(this, diff, from, to).drop();
        for (Change.ExtensionDropped c : changes(Change.ExtensionDropped.class)) {
            step("drop extension " + c.extension(), "DROP EXTENSION " + c.extension() + ";", c.extension());
        }
        for (Change.SchemaDropped c : changes(Change.SchemaDropped.class)) {
            step("drop schema " + c.schema(), "DROP SCHEMA " + c.schema() + ";", c.schema());
        }
    }

    /** Records the comment TO gives an object this plan creates; dropping and creating loses comments. */
    void remember(String target, String object, String comment) {
        if (comment != null) {
            comments.put(target + " " + object, new String[] {target, object, comment});
        }
    }

    private void comments() {
        Set<String> replacedViews = views.replaced();
        for (Change.CommentChanged c : changes(Change.CommentChanged.class)) {
            if (replacedViews.contains(c.table())) {
                continue; // a created view starts without comments and gets TO's, some of its old columns may be gone
            }
            comments.put(c.target() + " " + c.object(), new String[] {c.target(), c.object(), c.to()});
        }
        for (String[] c : comments.values()) {
            step("comment on " + c[0].toLowerCase(java.util.Locale.ROOT) + " " + c[1], Ddl.comment(c[0], c[1], c[2]),
                    c[1]);
        }
    }

    Snapshot from() {
        return from;
    }

    Snapshot to() {
        return to;
    }

    static EnumType enumType(Snapshot s, String name) {
        return s.enums().stream().filter(e -> e.qualifiedName().equals(name)).findFirst().orElseThrow();
    }
}
