package io.schemabot.diff;

import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Policy;
import io.schemabot.schema.Rule;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.Trigger;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Spells one snapshot's definitions as another snapshot's server does, where they mean the same. The texts
 * PostgreSQL prints (pg_get_viewdef, pg_get_expr, pg_get_constraintdef, pg_get_triggerdef, pg_get_ruledef) change
 * from major version to major version, and a definition created from its printed text need not print that text
 * back even on one server; so equal definitions read on two servers, or before and after a repair, can differ as
 * text. Each of the side's view, CHECK, column default, generated column, trigger, rule and policy texts that
 * differs from the reference's is created on the reference's server, in its database (whose objects it names),
 * and read back there, as is the reference's own text where that does not settle it: equal prints mean equal
 * definitions, and the side then takes the reference's text. A text the server refuses (it names something the
 * reference lacks) differs for real and is kept. Only texts that differ are rendered, each on temporary objects in
 * one transaction that is rolled back.
 */
public final class DefinitionNormaliser {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DefinitionNormaliser.class);

    private final Snapshot reference;
    private final DatabaseUrl server;
    private final Map<String, Table> tables;
    private final Map<String, View> views;
    private final Map<String, Trigger> triggers;
    private final Map<String, Rule> rules;
    private final Map<String, Policy> policies;
    private Connection conn;
    private DefinitionRenderer renderer;
    private int replaced;

    private DefinitionNormaliser(Snapshot reference, DatabaseUrl server) {
        this.reference = reference;
        this.server = server;
        this.tables = byKey(reference.tables(), Table::qualifiedName);
        this.views = byKey(reference.views(), View::qualifiedName);
        this.triggers = byKey(reference.triggers(), DefinitionNormaliser::triggerKey);
        this.rules = byKey(reference.rules(), Rule::onTable);
        this.policies = byKey(reference.policies(), Policy::onTable);
    }

    /**
     * {@code side} with each definition that means what {@code reference}'s means spelt as {@code reference} spells
     * it. {@code server} is a database holding {@code reference}'s schema, on the server that printed it (for a
     * migrations side, its shadow database); nothing there is changed. When the server cannot be asked, {@code side}
     * is returned as it is: the diff then shows every text that differs, as it would without this.
     */
    public static Snapshot normalise(Snapshot side, Snapshot reference, DatabaseUrl server) {
        DefinitionNormaliser normaliser = new DefinitionNormaliser(reference, server);
        try {
            return normaliser.align(side);
        } catch (RuntimeException e) {
            LOG.warn("definition texts not compared on {}: {}", server.describe(), e.getMessage());
            return side;
        } finally {
            normaliser.close();
        }
    }

    /**
     * The diff of the two sides as compared (one of them normalised), carrying the fingerprints of the schemas as
     * read: a plan is made from, and checked against, what the databases are, not how their texts were spelt.
     */
    public static DiffResult diff(Snapshot from, Snapshot to, Snapshot comparedFrom, Snapshot comparedTo) {
        DiffResult compared = SchemaDiff.between(comparedFrom, comparedTo);
        if (comparedFrom == from && comparedTo == to) {
            return compared;
        }
        return new DiffResult(from.fingerprint(), to.fingerprint(), compared.changes(), compared.incompatibilities(),
                compared.cosmetic());
    }

    private Snapshot align(Snapshot side) {
        List<Table> alignedTables = side.tables().stream().map(this::table).toList();
        List<View> alignedViews = side.views().stream().map(this::view).toList();
        List<Trigger> alignedTriggers = side.triggers().stream().map(this::trigger).toList();
        List<Rule> alignedRules = side.rules().stream().map(this::rule).toList();
        List<Policy> alignedPolicies = side.policies().stream().map(this::policy).toList();
        if (replaced == 0) {
            return side;
        }
        LOG.info("{} definition texts of {} read as {} prints them", replaced, side.serverVersion(),
                reference.serverVersion());
        return side.withDefinitions(alignedTables, alignedViews, alignedTriggers, alignedRules, alignedPolicies);
    }

    private View view(View v) {
        View r = views.get(v.qualifiedName());
        if (r == null || r.materialized() != v.materialized() || r.definition().equals(v.definition())
                || !same(renderer().view(v.name(), v.definition()), r.definition(),
                        () -> renderer().view(r.name(), r.definition()))) {
            return v;
        }
        replaced++;
        return new View(v.schema(), v.name(), v.materialized(), r.definition(), v.comment(), v.options(),
                v.columns(), v.unpopulated(), v.access(), v.accessMethod(), v.tablespace());
    }

    private Table table(Table a) {
        Table b = tables.get(a.qualifiedName());
        if (b == null) {
            return a;
        }
        DefinitionRenderer.Relation on = new DefinitionRenderer.Relation(b.qualifiedName(), b.name(), false);
        int before = replaced;
        List<Column> columns = a.columns().stream().map(c -> b.column(c.name()).map(d -> column(on, c, d)).orElse(c))
                .toList();
        List<Constraint> constraints = a.constraints().stream().map(k -> check(on, b, k)).toList();
        if (replaced == before) {
            return a;
        }
        return new Table(a.schema(), a.name(), a.partitioned(), a.unlogged(), a.partitionKey(), a.partitionOf(),
                a.partitionBound(), a.inherits(), columns, constraints, a.comment(), a.rowSecurity(),
                a.forceRowSecurity(), a.options(), a.accessMethod(), a.tablespace(), a.replicaIdentity(),
                a.triggerStates(), a.stats());
    }

    private Column column(DefinitionRenderer.Relation on, Column a, Column b) {
        String defaultExpression = a.defaultExpression();
        if (differ(a.defaultExpression(), b.defaultExpression())
                && same(renderer().columnDefault(on, a.name(), a.defaultExpression()), b.defaultExpression(),
                        () -> renderer().columnDefault(on, b.name(), b.defaultExpression()))) {
            defaultExpression = b.defaultExpression();
            replaced++;
        }
        String generated = a.generated();
        if (differ(a.generated(), b.generated())
                && same(renderer().generated(on, a.name(), b.type(), a.generated()), b.generated(),
                        () -> renderer().generated(on, b.name(), b.type(), b.generated()))) {
            generated = b.generated();
            replaced++;
        }
        if (Objects.equals(defaultExpression, a.defaultExpression()) && Objects.equals(generated, a.generated())) {
            return a;
        }
        return new Column(a.name(), a.type(), a.notNull(), defaultExpression, a.identity(), generated, a.collation(),
                a.inherited(), a.comment(), a.identityOptions(), a.settings());
    }

    private Constraint check(DefinitionRenderer.Relation on, Table b, Constraint a) {
        if (a.type() != Constraint.Type.CHECK) {
            return a;
        }
        Optional<Constraint> match = b.constraints().stream()
                .filter(k -> k.type() == Constraint.Type.CHECK && k.name().equals(a.name())).findFirst();
        if (match.isEmpty() || match.get().definition().equals(a.definition())
                || !same(renderer().check(on, a.name(), a.definition()), match.get().definition(),
                        () -> renderer().check(on, a.name(), match.get().definition()))) {
            return a;
        }
        replaced++;
        return new Constraint(a.name(), a.type(), match.get().definition(), a.columns(), a.refTable(),
                a.refColumns(), a.onDelete(), a.onUpdate(), a.deferrable(), a.initiallyDeferred(), a.validated(),
                a.comment(), a.triggersDisabled());
    }

    private Trigger trigger(Trigger t) {
        Trigger r = triggers.get(triggerKey(t));
        DefinitionRenderer.Relation on = relation(t.table());
        if (r == null || on == null || r.definition().equals(t.definition())
                || !same(renderer().trigger(on, t.definition()), r.definition(),
                        () -> renderer().trigger(on, r.definition()))) {
            return t;
        }
        replaced++;
        return new Trigger(t.table(), t.name(), r.definition(), t.enabled(), t.comment());
    }

    private Rule rule(Rule x) {
        Rule r = rules.get(x.onTable());
        DefinitionRenderer.Relation on = relation(x.table());
        if (r == null || on == null || r.definition().equals(x.definition())
                || !same(renderer().rule(on, x.definition()), r.definition(), () -> renderer().rule(on, r.definition()))) {
            return x;
        }
        replaced++;
        return new Rule(x.table(), x.name(), r.definition(), x.enabled(), x.comment());
    }

    private Policy policy(Policy p) {
        Policy r = policies.get(p.onTable());
        DefinitionRenderer.Relation on = relation(p.table());
        if (r == null || on == null || Objects.equals(p.using(), r.using()) && Objects.equals(p.withCheck(), r.withCheck())
                || !expression(on, true, p.using(), r.using()) || !expression(on, false, p.withCheck(), r.withCheck())) {
            return p;
        }
        replaced++;
        return new Policy(p.table(), p.name(), p.permissive(), p.command(), p.roles(), r.using(), r.withCheck(),
                p.comment());
    }

    private boolean expression(DefinitionRenderer.Relation on, boolean using, String a, String b) {
        return Objects.equals(a, b) || differ(a, b)
                && same(renderer().policyExpression(on, using, a), b, () -> renderer().policyExpression(on, using, b));
    }

    /** Both present and spelt differently: only then can the server say they mean the same. */
    private static boolean differ(String a, String b) {
        return a != null && b != null && !a.equals(b);
    }

    /**
     * The side's text as the server prints it is the reference's text, or what the server prints for that: a
     * definition made from its printed text may print otherwise, so the reference is rendered too when needed.
     */
    private static boolean same(Optional<String> side, String reference, Supplier<Optional<String>> referenceRendered) {
        return side.isPresent() && (side.get().equals(reference) || referenceRendered.get().equals(side));
    }

    /** The reference's table or view of that name, which the server has; null when it has none. */
    private DefinitionRenderer.Relation relation(String qualified) {
        Table t = tables.get(qualified);
        if (t != null) {
            return new DefinitionRenderer.Relation(qualified, t.name(), false);
        }
        View v = views.get(qualified);
        return v == null ? null : new DefinitionRenderer.Relation(qualified, v.name(), true);
    }

    private DefinitionRenderer renderer() {
        if (renderer == null) {
            conn = Connections.open(server);
            try {
                renderer = new DefinitionRenderer(conn);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot begin a transaction: " + e.getMessage(), e);
            }
        }
        return renderer;
    }

    private void close() {
        try {
            if (renderer != null) {
                renderer.close();
            }
            if (conn != null) {
                conn.close();
            }
        } catch (SQLException e) {
            LOG.warn("closing the connection to {}: {}", server.describe(), e.getMessage());
        }
    }

    private static String triggerKey(Trigger t) {
        return t.table() + "." + Sql.ident(t.name());
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, x -> x, (x, y) -> x));
    }
}
