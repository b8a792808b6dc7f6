package io.schemabot.schema;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.EveryKind;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One database holding every object kind the snapshot covers, read back field by field. */
class CatalogReaderTest {
    static TestDatabase db;
    static Snapshot snap;

    @BeforeAll
    static void build() {
        db = EmbeddedPg.createDatabase("catalog");
        db.exec(EveryKind.DDL);
        snap = db.snapshot();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static Table table(String name) {
        return snap.table(name).orElseThrow(() -> new AssertionError("no table " + name));
    }

    @Test
    void schemasExtensionsEnumsAndDomains() {
        assertEquals(List.of("app", "public"), snap.schemas().stream().map(Namespace::name).toList());
        assertEquals("the application", snap.schemas().get(0).comment());
        assertEquals("citext", snap.extensions().get(0).name());
        assertEquals("public", snap.extensions().get(0).schema());
        assertEquals(List.of(new EnumType("app", "status", List.of("new", "paid", "void"), null)), snap.enums());
        Domain email = snap.domains().get(0);
        assertEquals("app.email", email.qualifiedName());
        assertEquals("public.citext", email.baseType());
        assertTrue(email.notNull());
        assertEquals("CHECK (VALUE OPERATOR(public.~) '@'::public.citext)", email.checks().get(0).definition());
    }

    @Test
    void columnsWithIdentityGeneratedCollationDefaultAndComment() {
        Table customers = table("app.customers");
        assertEquals("who pays", customers.comment());
        Column id = customers.column("id").orElseThrow();
        assertEquals("bigint", id.type());
        assertEquals("ALWAYS", id.identity());
        Column name = customers.column("name").orElseThrow();
        assertEquals("\"C\"", name.collation());
        assertEquals("'anon'::text", name.defaultExpression());
        assertEquals("display name", name.comment());
        assertTrue(name.notNull());
        assertEquals("length(name)", customers.column("name_len").orElseThrow().generated());
        assertEquals("app.email", customers.column("email").orElseThrow().type());
        assertEquals("numeric(10,2)", table("app.orders").column("total").orElseThrow().type());
    }

    @Test
    void constraintsOfEveryType() {
        Table orders = table("app.orders");
        Constraint fk = orders.foreignKeys().get(0);
        assertEquals("orders_customer", fk.name());
        assertEquals(List.of("customer_id"), fk.columns());
        assertEquals("app.customers", fk.refTable());
        assertEquals(List.of("id"), fk.refColumns());
        assertEquals("CASCADE", fk.onDelete());
        assertEquals("RESTRICT", fk.onUpdate());
        assertTrue(fk.deferrable());
        assertTrue(fk.initiallyDeferred());
        assertTrue(fk.validated());
        Constraint cap = orders.constraints().stream().filter(c -> c.name().equals("orders_total_cap")).findFirst().orElseThrow();
        assertFalse(cap.validated());
        assertEquals("CHECK (total < 1000000::numeric) NOT VALID", cap.definition());
        assertEquals(List.of("PRIMARY_KEY", "CHECK", "CHECK", "FOREIGN_KEY", "EXCLUSION"),
                orders.constraints().stream().map(c -> c.type().name()).sorted((a, b) ->
                        List.of("PRIMARY_KEY", "CHECK", "FOREIGN_KEY", "EXCLUSION").indexOf(a)
                                - List.of("PRIMARY_KEY", "CHECK", "FOREIGN_KEY", "EXCLUSION").indexOf(b)).toList());
        assertEquals("UNIQUE (email)", table("app.customers").constraints().stream()
                .filter(c -> c.type() == Constraint.Type.UNIQUE).findFirst().orElseThrow().definition());
    }

    @Test
    void indexesButNotThoseOwnedByConstraints() {
        List<String> defs = snap.indexes().stream().map(Index::definition).toList();
        assertEquals(List.of(
                "CREATE INDEX orders_lower ON app.orders USING hash (((customer_id + 1)))",
                "CREATE INDEX orders_open ON app.orders USING btree (customer_id) INCLUDE (total) WHERE (status = 'new'::app.status)",
                "CREATE UNIQUE INDEX totals_customer ON app.totals USING btree (customer_id)"), defs);
        assertEquals("hash", snap.indexes().get(0).method());
        assertEquals("app.totals", snap.indexes().get(2).table());
    }

    @Test
    void sequencesWithOwnerButNotIdentitySequences() {
        assertEquals(List.of("app.invoice_no", "app.orders_id_seq"),
                snap.sequences().stream().map(Sequence::qualifiedName).toList());
        Sequence invoice = snap.sequences().get(0);
        assertEquals("integer", invoice.dataType());
        assertEquals(100, invoice.start());
        assertEquals(10, invoice.increment());
        assertEquals(100000, invoice.maxValue());
        assertTrue(invoice.cycle());
        assertNull(invoice.ownedBy());
        assertEquals("app.orders.id", snap.sequences().get(1).ownedBy());
    }

    @Test
    void partitionsUnloggedAndInheritance() {
        assertTrue(table("app.events").partitioned());
        assertEquals("RANGE (at)", table("app.events").partitionKey());
        Table partition = table("app.events_2026");
        assertEquals("app.events", partition.partitionOf());
        assertEquals("FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", partition.partitionBound());
        assertTrue(partition.column("at").orElseThrow().inherited());
        assertTrue(table("app.cache").unlogged());
        assertEquals(List.of("app.base"), table("app.child").inherits());
    }

    @Test
    void viewsFunctionsProceduresAndTriggers() {
        assertEquals(List.of("app.open_orders", "app.totals"), snap.views().stream().map(View::qualifiedName).toList());
        assertTrue(snap.views().get(1).materialized());
        assertTrue(snap.views().get(0).definition().contains("FROM app.orders"), snap.views().get(0).definition());
        assertEquals(java.util.Map.of("security_barrier", "true", "check_option", "local"), snap.views().get(0).options());
        assertEquals(List.of(new View.ViewColumn("total", "0", "before tax", null)), snap.views().get(0).columns());
        assertEquals(java.util.Map.of("fillfactor", "90"), snap.views().get(1).options());
        assertFalse(snap.views().get(1).unpopulated());
        assertEquals(List.of("app.note_ddl()", "app.purge(integer)", "app.touch()"),
                snap.functions().stream().map(Function::signature).sorted().toList());
        assertEquals(List.of("", "IN days integer", ""), snap.functions().stream().map(Function::arguments).toList());
        assertTrue(snap.functions().stream().anyMatch(Function::procedure));
        Trigger trigger = snap.triggers().get(0);
        assertEquals("app.orders", trigger.table());
        assertEquals("CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch()",
                trigger.definition());
    }

    @Test
    void leavesOutFlywayHistoryAndExtensionMembers() {
        assertTrue(snap.table("public.flyway_schema_history").isEmpty());
        assertTrue(snap.functions().stream().noneMatch(f -> f.name().startsWith("citext")),
                "citext's functions belong to the extension");
    }

    @Test
    void schemaOptionLimitsWhatIsRead() throws Exception {
        try (Connection c = db.connect()) {
            Snapshot onlyPublic = new CatalogReader(SnapshotOptions.defaults().withSchemas(List.of("public"))).read(c);
            assertEquals(List.of("public"), onlyPublic.schemas().stream().map(Namespace::name).toList());
            assertTrue(onlyPublic.tables().isEmpty());
        }
    }

    @Test
    void readsInAReadOnlyTransactionAndRestoresTheConnection() throws Exception {
        try (Connection c = db.connect()) {
            new CatalogReader().read(c);
            assertTrue(c.getAutoCommit());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW search_path")) {
                rs.next();
                assertEquals("\"$user\", public", rs.getString(1), "SET LOCAL must not leak out of the snapshot");
            }
        }
    }

    @Test
    void readingColumnsOnAHelperConnectionGivesTheSameSnapshot() throws Exception {
        try (Connection main = db.connect(); Connection helper = db.connect()) {
            assertEquals(snap, new CatalogReader().read(main, helper));
            assertTrue(helper.getAutoCommit(), "the helper's transaction must be closed");
        }
    }

    @Test
    void jsonRoundTripKeepsEverything() {
        Snapshot back = SnapshotJson.parse(SnapshotJson.write(snap), "test");
        assertEquals(snap, back);
        assertEquals(snap.fingerprint(), back.fingerprint());
    }

    @Test
    void compositeTypesAggregatesAndEventTriggers() {
        assertEquals(List.of(new CompositeType("app", "amount", List.of(
                new CompositeType.Attribute("value", "numeric(10,2)", null, null),
                new CompositeType.Attribute("currency", "text", "\"C\"", "ISO 4217")), null)), snap.compositeTypes());
        assertEquals(List.of(new Aggregate("app", "total_of", "numeric", "numeric",
                "CREATE AGGREGATE app.total_of(numeric) (SFUNC = numeric_add, STYPE = numeric, INITCOND = '0')", null,
                snap.aggregates().get(0).access())), snap.aggregates());
        assertEquals(Function.DEFAULT_PRIVILEGES, snap.aggregates().get(0).privileges());
        assertEquals(List.of(new EventTrigger("app_ddl", "ddl_command_end", List.of("CREATE TABLE"), "app.note_ddl", "O",
                null)), snap.eventTriggers());
    }
}
