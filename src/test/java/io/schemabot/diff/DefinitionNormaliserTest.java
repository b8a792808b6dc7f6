package io.schemabot.diff;

import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Policy;
import io.schemabot.schema.Rule;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.Trigger;
import io.schemabot.schema.View;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 11: the texts another server wrote for the same definitions compare equal once this server prints
 * them; texts that mean something else still differ. The other server's texts are those PostgreSQL 15 (the view) and
 * older versions (parentheses, EXECUTE PROCEDURE) print for the schema below, put in a snapshot of it.
 */
class DefinitionNormaliserTest {
    private static final String SCHEMA = """
            CREATE TABLE t (id int PRIMARY KEY, name text, kind varchar(10) DEFAULT 'a',
                            n numeric CONSTRAINT n_positive CHECK (n > 0), owner text,
                            total numeric GENERATED ALWAYS AS (n * 2) STORED);
            CREATE TABLE log (kind varchar(10));
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
            CREATE VIEW v AS SELECT t.id, t.name FROM t WHERE t.name IN ('a', 'b');
            CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
                EXECUTE FUNCTION touch();
            CREATE POLICY mine ON t USING (owner = current_user);
            CREATE RULE keep AS ON INSERT TO t WHERE NEW.id > 0 DO ALSO INSERT INTO log VALUES (NEW.kind);
            """;

    /** The same definitions as another server prints them. */
    private static final Texts OTHER_SERVER = new Texts(
            " SELECT t.id,\n    t.name\n   FROM public.t\n  WHERE t.name = ANY (ARRAY['a'::text, 'b'::text]);",
            "CHECK ((n > (0)::numeric))", "('a'::character varying)", "(n * 2::numeric)",
            "CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW WHEN ((old.name IS DISTINCT FROM new.name))"
                    + " EXECUTE PROCEDURE public.touch()",
            "((owner = CURRENT_USER))",
            "CREATE RULE keep AS\n    ON INSERT TO public.t\n   WHERE (new.id > 0) DO  INSERT INTO public.log (kind)\n"
                    + "  VALUES (new.kind);");

    /** Other definitions: each text means something the schema's does not. */
    private static final Texts REAL_CHANGES = new Texts(
            " SELECT t.id,\n    t.name\n   FROM public.t\n  WHERE t.name = ANY (ARRAY['a'::text, 'c'::text]);",
            "CHECK ((n >= (0)::numeric))", "('b'::character varying)", "(n * 3::numeric)",
            "CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW WHEN ((old.kind IS DISTINCT FROM new.kind))"
                    + " EXECUTE PROCEDURE public.touch()",
            "((owner <> CURRENT_USER))",
            "CREATE RULE keep AS\n    ON INSERT TO public.t\n   WHERE (new.id > 1) DO  INSERT INTO public.log (kind)\n"
                    + "  VALUES (new.kind);");

    private static TestDatabase server;
    private static Snapshot schema;

    record Texts(String view, String check, String defaultExpression, String generated, String trigger,
                 String policyUsing, String rule) {
    }

    @BeforeAll
    static void build() {
        server = EmbeddedPg.createDatabase("normalise").exec(SCHEMA);
        schema = server.snapshot();
    }

    @AfterAll
    static void drop() {
        server.close();
    }

    @Test
    void textsAnotherServerWroteForTheSameDefinitionsCompareEqual() {
        Snapshot other = spelt(OTHER_SERVER);
        List<Class<?>> before = SchemaDiff.between(other, schema).changes().stream().<Class<?>>map(Object::getClass)
                .toList();
        assertEquals(List.of(TableChange.ColumnDefaultChanged.class, TableChange.ColumnGeneratedChanged.class,
                TableChange.ConstraintChanged.class, ObjectChange.ViewDefinitionChanged.class, TableChange.TriggerChanged.class,
                TableChange.RuleChanged.class, TableChange.PolicyChanged.class).stream().sorted(java.util.Comparator
                .comparing(Class::getName)).toList(), before.stream().sorted(java.util.Comparator
                .comparing(Class::getName)).toList());

        Snapshot normalised = DefinitionNormaliser.normalise(other, schema, server.url());
        assertTrue(SchemaDiff.between(normalised, schema).isEmpty(), SchemaDiff.between(normalised, schema).changes()
                .toString());
        DiffResult diff = DefinitionNormaliser.diff(other, schema, normalised, schema);
        assertTrue(diff.isEmpty());
        assertEquals(other.fingerprint(), diff.fromFingerprint(), "the plan is made from the schema as read");
    }

    @Test
    void realChangesStillShow_withTheirOwnTexts() {
        Snapshot other = spelt(REAL_CHANGES);
        Snapshot normalised = DefinitionNormaliser.normalise(other, schema, server.url());
        assertEquals(SchemaDiff.between(other, schema).changes(), SchemaDiff.between(normalised, schema).changes());
        assertEquals(7, SchemaDiff.between(normalised, schema).changes().size());
    }

    @Test
    void aTextNamingWhatTheServerLacksDiffersForReal() {
        Snapshot other = spelt(new Texts(" SELECT id, name FROM public.gone;", OTHER_SERVER.check(),
                OTHER_SERVER.defaultExpression(), OTHER_SERVER.generated(), OTHER_SERVER.trigger(),
                OTHER_SERVER.policyUsing(), OTHER_SERVER.rule()));
        List<Change> left = SchemaDiff.between(DefinitionNormaliser.normalise(other, schema, server.url()), schema)
                .changes();
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.get(0) instanceof ObjectChange.ViewDefinitionChanged v && v.from().contains("public.gone"), left.toString());
    }

    @Test
    void theServersDatabaseIsLeftAsItWas_andEqualTextsNeedNoServer() {
        DefinitionNormaliser.normalise(spelt(OTHER_SERVER), schema, server.url());
        assertEquals(schema.fingerprint(), server.snapshot().fingerprint());
        assertEquals(0L, server.queryLong("SELECT count(*) FROM pg_class WHERE relpersistence = 't'"));
        // nothing differs as text: no connection is opened, so even a server that is gone changes nothing
        assertSame(schema, DefinitionNormaliser.normalise(schema, schema,
                io.schemabot.db.DatabaseUrl.parse("postgres://nobody@127.0.0.1:1/none")));
    }

    @Test
    void aServerThatCannotBeAskedLeavesTheTextsAsTheyAre() {
        Snapshot other = spelt(OTHER_SERVER);
        assertSame(other, DefinitionNormaliser.normalise(other, schema,
                io.schemabot.db.DatabaseUrl.parse("postgres://nobody@127.0.0.1:1/none")));
    }

    /** The schema's snapshot with these texts in place of its own. */
    private static Snapshot spelt(Texts texts) {
        List<Table> tables = schema.tables().stream().map(t -> !t.name().equals("t") ? t : new Table(t.schema(),
                t.name(), t.partitioned(), t.unlogged(), t.partitionKey(), t.partitionOf(), t.partitionBound(),
                t.inherits(), t.columns().stream().map(c -> column(c, texts)).toList(),
                t.constraints().stream().map(k -> !k.name().equals("n_positive") ? k : new Constraint(k.name(),
                        k.type(), texts.check(), k.columns(), k.refTable(), k.refColumns(), k.onDelete(), k.onUpdate(),
                        k.deferrable(), k.initiallyDeferred(), k.validated(), k.comment(), k.triggersDisabled()))
                        .toList(), t.comment(), t.rowSecurity(), t.forceRowSecurity(), t.options(), t.accessMethod(),
                t.tablespace(), t.replicaIdentity(), t.triggerStates(), t.stats())).toList();
        List<View> views = schema.views().stream().map(v -> new View(v.schema(), v.name(), v.materialized(),
                texts.view(), v.comment(), v.options(), v.columns(), v.unpopulated(), v.access(), v.accessMethod(),
                v.tablespace())).toList();
        List<Trigger> triggers = schema.triggers().stream().map(x -> new Trigger(x.table(), x.name(), texts.trigger(),
                x.enabled(), x.comment())).toList();
        List<Rule> rules = schema.rules().stream().map(r -> new Rule(r.table(), r.name(), texts.rule(), r.enabled(),
                r.comment())).toList();
        List<Policy> policies = schema.policies().stream().map(p -> new Policy(p.table(), p.name(), p.permissive(),
                p.command(), p.roles(), texts.policyUsing(), p.withCheck(), p.comment())).toList();
        return schema.withDefinitions(tables, views, triggers, rules, policies);
    }

    private static Column column(Column c, Texts texts) {
        String defaultExpression = c.name().equals("kind") ? texts.defaultExpression() : c.defaultExpression();
        String generated = c.name().equals("total") ? texts.generated() : c.generated();
        return new Column(c.name(), c.type(), c.notNull(), defaultExpression, c.identity(), generated, c.collation(),
                c.inherited(), c.comment(), c.identityOptions(), c.settings());
    }
}
