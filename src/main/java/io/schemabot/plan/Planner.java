package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.schema.Domain;
import io.schemabot.schema.EnumType;
import io.schemabot.schema.Function;
import io.schemabot.schema.Snapshot;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    /** The steps so far and their effects, which later phases ask about. */
    private final StepLog log = new StepLog();
    private final DataChecks checks;
    private final LockHazards lockHazards;
    /** Comments to set at the end, keyed by target and object: changed ones, and those of created objects. */
    private final Map<String, String[]> comments = new TreeMap<>();

    /** Set at the start of {@link #build()}. */
    private Dependents dependents;
    private ViewSteps views;
    private RoutineSteps routines;
    private TriggerSteps triggers;
    private PartitionIndexes partitionIndexes;
    /** Set by {@link #plan}: partitions left out because their table's partitioning cannot change. */
    private BlockedPartitions blockedPartitions;

    private Planner(DiffResult diff, Snapshot from, Snapshot to, PlanOptions options) {
        this.diff = diff;
        this.from = from;
        this.to = to;
        this.options = options;
        this.checks = new DataChecks(from);
        this.lockHazards = new LockHazards(from);
    }

    public static Plan plan(DiffResult diff, Snapshot from, Snapshot to) {
        return plan(diff, from, to, PlanOptions.defaults());
    }

    public static Plan plan(DiffResult diff, Snapshot from, Snapshot to, PlanOptions options) {
        BlockedPartitions blocked = BlockedPartitions.between(diff, from, to);
        Planner planner = new Planner(blocked.diff(), from, blocked.to(), options);
        planner.blockedPartitions = blocked;
        return planner.build();
    }

    private Plan build() {
        Dependents dependents = new Dependents(diff, from, to);
        this.dependents = dependents;
        this.routines = new RoutineSteps(this, diff, from, to, dependents);
        this.views = new ViewSteps(this, diff, to, dependents);
        this.triggers = new TriggerSteps(this, diff, from, to, dependents);
        SequenceSteps sequences = new SequenceSteps(this, diff, from, to);
        this.partitionIndexes = new PartitionIndexes(this, diff, from, to);
        KeyAndIndexSteps keysAndIndexes = new KeyAndIndexSteps(this, diff, from, to, dependents, partitionIndexes,
                views.replaced());
        CounterHandover counters = CounterHandover.between(from, to);
        counters.save(this);
        EventTriggerSteps eventTriggers = new EventTriggerSteps(this, diff, from, to);
        eventTriggers.dropAndDisable();
        createSchemasAndExtensions();
        new CollationSteps(this, diff, from, to).create();
        createTypes();
        new CompositeTypeSteps(this, diff, from, to).createAndExtend();
        sequences.create();
        routines.create(RoutineSteps.Phase.FIRST);
        createDomains(true);
        triggers.drop();
        RulesAndPolicies rulesAndPolicies = new RulesAndPolicies(this, diff, from, to, dependents);
        rulesAndPolicies.drop();
        views.drop(); // and the routines set aside with them
        new AggregateSteps(this, diff, from, to, dependents).drop();
        dropForeignKeys(dependents);
        keysAndIndexes.drop();
        partitionIndexes.drop();
        new RoutineReplacements(this, diff, from, to).plan(dependents.reshaped); // and reshapes composite types
        new Detachments(this, diff, from, to).plan();
        TableDrops tableDrops = new TableDrops(this, diff, from, to);
        tableDrops.beforeCreatingTables(routines);
        new TableCreation(this, diff, from, to).plan();
        // after the tables exist: functions whose signature or SQL-standard body names them
        routines.create(RoutineSteps.Phase.AFTER_TABLES);
        new AggregateSteps(this, diff, from, to, dependents).createAndReplace();
        new TableAlterations(this, diff, from, to).plan();
        IdentityOptionChanges.plan(this, changes(TableChange.ColumnIdentityOptionsChanged.class));
        // after children are detached or un-inherited, and after FKs to keys that change are gone
        routines.drop(true);
        tableDrops.rest();
        keysAndIndexes.addConstraints();
        keysAndIndexes.createIndexes();
        partitionIndexes.attachKeys();
        partitionIndexes.attach();
        partitionIndexes.answerForTheRest(log.inTransaction());
        new ForeignKeySteps(this, diff, from, to, dependents).plan();
        sequences.own();
        counters.handOver(this);
        ReplicaIdentities.plan(this, from, to);
        views.create(); // and the routines set aside with them
        views.alter();
        new StorageSteps(this, from, to, views.replaced()).plan();
        routines.create(RoutineSteps.Phase.AFTER_VIEWS);
        RoutinePrivileges.plan(this, diff, from, to);
        PrivilegeSteps.plan(this, from, to, views.replaced());
        MaterializedViewData.plan(this, diff, views.replaced());
        triggers.create();
        PartitionTriggerStates.plan(this, diff, from, to);
        rulesAndPolicies.create();
        eventTriggers.create();
        dropSchemaLevelObjects(sequences);
        comments();
        eventTriggers.enable();
        EnumLabels.blockUseInSamePlan(log.inTransaction(), changes(ObjectChange.EnumLabelsChanged.class), to);
        Set<String> created = new LinkedHashSet<>(views.replaced());
        changes(TableChange.TableAdded.class).forEach(c -> created.add(c.table()));
        blockedPartitions.note(this);
        Unplanned.block(log.inTransaction(), diff.changes(), created);
        return new Plan(log.steps(), checks.all(), diff.fromFingerprint(), diff.toFingerprint(), options)
                .withNotes(LeftAsIs.notes(diff));
    }

    // ---- steps and hazards --------------------------------------------------------------------------

    void step(String title, String sql, List<String> objects, List<Hazard> hazards) {
        log.add(new Step(title, sql, objects, hazards));
    }

    void step(String title, String sql, List<String> objects, List<Hazard> hazards, List<Step.Conversion> conversions) {
        log.add(new Step(title, sql, objects, hazards, conversions));
    }

    /** A step for after the transaction's COMMIT: the plan lists these last, in the order they were added. */
    void afterCommit(Step step) {
        log.addAfterCommit(step);
    }

    void step(String title, String sql, String object, Hazard... hazards) {
        step(title, sql, List.of(object), List.of(hazards));
    }

    /** Whether the foreign key (table + "." + quoted name) is dropped and recreated with the other dependents. */
    boolean recreatesForeignKey(String key) {
        return dependents.foreignKeys().containsKey(key);
    }

    /** What the steps so far did, for a phase that depends on what came before it. */
    StepLog log() {
        return log;
    }

    PlanOptions options() {
        return options;
    }

    DataChecks checks() {
        return checks;
    }

    /** ACCESS EXCLUSIVE on an existing table, with its size and descendants (see {@link LockHazards}). */
    Hazard lock(String table) {
        return lockHazards.lock(table);
    }

    List<Hazard> locks(List<String> tables) {
        return lockHazards.locks(tables);
    }

    List<String> descendants(String table) {
        return lockHazards.descendants(table);
    }

    String size(String table) {
        return lockHazards.size(table);
    }

    private <T extends Change> List<T> changes(Class<T> kind) {
        return diff.changes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    // ---- phases -------------------------------------------------------------------------------------

    private void createSchemasAndExtensions() {
        for (ObjectChange.SchemaAdded c : changes(ObjectChange.SchemaAdded.class)) {
            step("create schema " + c.schema(), "CREATE SCHEMA " + c.schema() + ";", c.schema());
            to.schemas().stream().filter(n -> n.qualifiedName().equals(c.schema())).findFirst()
                    .ifPresent(n -> remember("SCHEMA", c.schema(), n.comment()));
        }
        for (ObjectChange.ExtensionAdded c : changes(ObjectChange.ExtensionAdded.class)) {
            step("create extension " + c.extension(), "CREATE EXTENSION IF NOT EXISTS " + c.extension()
                    + " WITH SCHEMA " + Sql.ident(c.schema()) + " VERSION " + Sql.literal(c.version()) + ";", c.extension());
            to.extensions().stream().filter(x -> Sql.ident(x.name()).equals(c.extension())).findFirst()
                    .ifPresent(x -> remember("EXTENSION", c.extension(), x.comment()));
        }
        for (ObjectChange.ExtensionChanged c : changes(ObjectChange.ExtensionChanged.class)) {
            ExtensionUpdates.plan(this, c.extension());
        }
    }

    private void createTypes() {
        for (ObjectChange.EnumAdded c : changes(ObjectChange.EnumAdded.class)) {
            step("create enum " + c.type(), "CREATE TYPE " + c.type() + " AS ENUM ("
                    + c.labels().stream().map(Sql::literal).collect(Collectors.joining(", ")) + ");", c.type());
            remember("TYPE", c.type(), enumType(to, c.type()).comment());
        }
        for (ObjectChange.EnumLabelsChanged c : changes(ObjectChange.EnumLabelsChanged.class)) {
            EnumLabels.plan(this, c);
        }
        createDomains(false);
    }

    /**
     * Domains come before routines, whose signatures may name them; those whose default or checks call a routine
     * this plan adds come right after it instead.
     */
    private void createDomains(boolean callingNewRoutines) {
        for (ObjectChange.DomainAdded c : changes(ObjectChange.DomainAdded.class)) {
            if (callsNewRoutine(domain(to, c.domain())) != callingNewRoutines) {
                continue;
            }
            step("create domain " + c.domain(), "CREATE DOMAIN " + c.domain() + " AS " + c.definition() + ";",
                    c.domain());
            remember("DOMAIN", c.domain(), domain(to, c.domain()).comment());
        }
        for (ObjectChange.DomainChanged c : changes(ObjectChange.DomainChanged.class)) {
            if (callsNewRoutine(domain(to, c.domain())) == callingNewRoutines) {
                DomainChanges.plan(this, domain(from, c.domain()), domain(to, c.domain()));
            }
        }
    }

    private boolean callsNewRoutine(Domain d) {
        return RoutineUsers.calls(changes(ObjectChange.FunctionAdded.class).stream().map(c -> RoutineSteps.function(to, c.function()))
                .filter(f -> routines.phase(f) == RoutineSteps.Phase.FIRST).toList()).matcher(DomainChanges.expressions(d)).find();
    }



    private static Domain domain(Snapshot s, String name) {
        return s.domains().stream().filter(d -> d.qualifiedName().equals(name)).findFirst().orElseThrow();
    }

    /** Whether the trigger (table + "." + quoted name) is dropped and created by the trigger steps of this plan. */
    boolean recreatesTrigger(String key) {
        return triggers.recreates(key);
    }

    /** Whether the routine is dropped before the views and created again after them (see Dependents). */
    boolean setAside(String signature) {
        return routines.setAside(signature);
    }

    /** Whether the routine is created (or exists) before anything else of the plan runs: it waits for nothing. */
    boolean createdFirst(Function f) {
        return routines.phase(f) == RoutineSteps.Phase.FIRST;
    }

    private void dropForeignKeys(Dependents dependents) {
        for (Dependents.ForeignKey fk : dependents.foreignKeys().values()) {
            String suffix = fk.to() == null ? "" : " (recreated below)";
            step("drop foreign key " + Sql.ident(fk.from().name()) + " on " + fk.table() + ": " + fk.reason() + suffix,
                    Ddl.dropConstraint(fk.table(), Sql.ident(fk.from().name())),
                    List.of(fk.table() + "." + Sql.ident(fk.from().name())),
                    // the key's triggers on the referenced table go too
                    locks(List.of(fk.table(), fk.from().refTable())));
            log.record(StepLog.Effect.DROPPED, fk.table() + "." + Sql.ident(fk.from().name()));
        }
    }

    private void dropSchemaLevelObjects(SequenceSteps sequences) {
        sequences.drop();
        // a domain whose default or checks call a routine that goes must go first; the others after the
        // routines, whose signatures may name them
        Pattern callsDropped = RoutineUsers.calls(changes(ObjectChange.FunctionDropped.class).stream().map(c -> RoutineSteps.function(from, c.function())).toList());
        List<String> domainsLast = new ArrayList<>();
        for (ObjectChange.DomainDropped c : changes(ObjectChange.DomainDropped.class)) {
            Domain d = domain(from, c.domain());
            if (callsDropped.matcher(DomainChanges.expressions(d)).find()) {
                step("drop domain " + c.domain(), "DROP DOMAIN " + c.domain() + ";", c.domain());
            } else {
                domainsLast.add(c.domain());
            }
        }
        routines.drop(false);
        new CompositeTypeSteps(this, diff, from, to).drop();
        for (String d : domainsLast) {
            step("drop domain " + d, "DROP DOMAIN " + d + ";", d);
        }
        EnumRecreation.dropOld(this, changes(ObjectChange.EnumLabelsChanged.class));
        for (ObjectChange.EnumDropped c : changes(ObjectChange.EnumDropped.class)) {
            step("drop type " + c.type(), "DROP TYPE " + c.type() + ";", c.type());
        }
        new CollationSteps(this, diff, from, to).drop();
        for (ObjectChange.ExtensionDropped c : changes(ObjectChange.ExtensionDropped.class)) {
            step("drop extension " + c.extension(), "DROP EXTENSION " + c.extension() + ";", c.extension());
        }
        for (ObjectChange.SchemaDropped c : changes(ObjectChange.SchemaDropped.class)) {
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
        for (ObjectChange.CommentChanged c : changes(ObjectChange.CommentChanged.class)) {
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
