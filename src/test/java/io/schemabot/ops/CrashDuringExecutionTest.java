package io.schemabot.ops;

import io.schemabot.approval.State;
import io.schemabot.config.Config;
import io.schemabot.store.Store;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bot killed with SIGKILL in the middle of an execution: on restart the request is judged from production. */
class CrashDuringExecutionTest {
    static final String OPS = "C0OPS";

    static Config config(String productionUrl) {
        return new Config(new Config.Slack(null, null, "http://localhost/api/", OPS, "/schemabot", false),
                Map.of("production", new Config.Target("production", productionUrl, IncidentProduction.MIGRATIONS, null, null)),
                new Config.Approval(List.of("U0LEAD1", "U0LEAD2"), 2, Duration.ofMinutes(30)),
                new Config.Server(0), new Config.Store(null), Config.Planning.defaults(), Config.Commands.defaults(),
                // a lock wait long enough to be killed in
                new Config.Execute(Duration.ofMinutes(2), Duration.ofMinutes(15), 0));
    }

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aProcessKilledWhileItsTransactionWaits_isResolvedAsRolledBack_andNeverRunAgain() throws Exception {
        try (TestDatabase prod = IncidentProduction.create("crash_prod"); TestDatabase storeDb = EmbeddedPg.createDatabase("crash_store")) {
            DataSource store = migratedStore(storeDb);
            Config config = config(prod.jdbcUrl());
            Hotfixes hotfixes = hotfixes(config, store, Duration.ZERO);
            String id = approvedRequest(hotfixes, config);

            Process child;
            try (Connection holder = prod.connect(); Statement hold = holder.createStatement()) {
                holder.setAutoCommit(false);
                hold.execute("LOCK TABLE documents IN ACCESS SHARE MODE"); // the plan's ALTER will wait for this
                String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
                child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ExecuteInChild.class.getName(),
                        prod.jdbcUrl(), storeDb.jdbcUrl(), id).redirectErrorStream(true).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("executing " + id, out.readLine());
                await(hold, "SELECT count(*) FROM pg_locks WHERE NOT granted", 1); // its transaction waits, mid-plan
                assertEquals(State.EXECUTING, hotfixes.find(id).orElseThrow().state());

                child.destroyForcibly(); // SIGKILL
                child.waitFor();
                holder.rollback();
            }
            // PostgreSQL ends the dead bot's session (rolling its transaction back) once it notices
            try (Connection c = prod.connect(); Statement st = c.createStatement()) {
                await(st, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = 'schemabot' AND pid <> pg_backend_pid()", 0);
            }

            assertEquals(List.of(), hotfixes.resolveInterrupted(), "a claim this young may be a run about to start");
            Hotfixes restarted = hotfixes(config, store, Hotfixes.CLAIM_GRACE.plusSeconds(1));

            List<String> resolved = restarted.resolveInterrupted();

            assertEquals(List.of(id + ": rolled back, nothing changed (found after restart)"), resolved);
            assertEquals(State.FAILED, restarted.find(id).orElseThrow().state());
            assertEquals("uuid", prod.queryString("SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'documents' AND column_name = 'id'"), "nothing changed");
            assertEquals(List.of(), restarted.resolveInterrupted(), "resolved once, never run again");
        }
    }

    /**
     * A run whose outcome could not be written (the store failed at its end) leaves its request EXECUTING with no run
     * holding the target: the server's periodic sweep judges it from production once the claim is past its grace,
     * without a restart, and never while a run could still be about to take the lock.
     */
    @Test
    void aRequestLeftExecutingWithoutARun_isJudgedByTheNextSweepAfterItsGrace() {
        try (TestDatabase prod = IncidentProduction.create("stuck_prod"); TestDatabase storeDb = EmbeddedPg.createDatabase("stuck_store")) {
            DataSource store = migratedStore(storeDb);
            Config config = config(prod.jdbcUrl());
            Hotfixes hotfixes = hotfixes(config, store, Duration.ZERO);
            String id = approvedRequest(hotfixes, config);
            // the claim a run makes; its outcome never reaches the store
            assertTrue(new io.schemabot.approval.HotfixRequests(store, Clock.systemUTC(), config.approval(), OPS,
                    new io.schemabot.approval.Approvers(config.approval().approvers(), null))
                    .claimForExecution(id, "U0LEAD1", OPS).accepted());

            assertEquals(List.of(), hotfixes.resolveInterrupted());
            assertEquals(State.EXECUTING, hotfixes.find(id).orElseThrow().state());
            Hotfixes later = hotfixes(config, store, Hotfixes.CLAIM_GRACE.plusSeconds(1));

            assertEquals(List.of(id + ": rolled back, nothing changed (found after restart)"), later.resolveInterrupted());
            assertEquals(State.FAILED, later.find(id).orElseThrow().state());
        }
    }

    /**
     * A run that waits for a table past the sweep's grace is still running: the sweep, which judges only while
     * holding the target's lock, leaves it alone, and the run ends as it would have.
     */
    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLiveRunPastTheGrace_isNotJudgedByTheSweep() throws Exception {
        try (TestDatabase prod = IncidentProduction.create("live_prod"); TestDatabase storeDb = EmbeddedPg.createDatabase("live_store")) {
            DataSource store = migratedStore(storeDb);
            Config config = config(prod.jdbcUrl());
            Hotfixes hotfixes = hotfixes(config, store, Duration.ZERO);
            String id = approvedRequest(hotfixes, config);
            Hotfixes sweeper = hotfixes(config, store, Hotfixes.CLAIM_GRACE.plusSeconds(1));

            java.util.concurrent.Future<Hotfixes.Executed> run;
            java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (Connection holder = prod.connect(); Statement hold = holder.createStatement()) {
                holder.setAutoCommit(false);
                hold.execute("LOCK TABLE documents IN ACCESS SHARE MODE"); // the plan's ALTER waits for this
                run = runner.submit(() -> hotfixes.execute(id, "U0LEAD1", OPS));
                await(hold, "SELECT count(*) FROM pg_locks WHERE NOT granted", 1);

                assertEquals(List.of(), sweeper.resolveInterrupted(), "a run holds the target: nothing to judge");
                assertEquals(State.EXECUTING, sweeper.find(id).orElseThrow().state());
                holder.rollback();
            }
            Hotfixes.Executed executed = run.get();
            runner.shutdown();
            assertTrue(executed.execution().succeeded(), executed.execution().message());
            assertEquals(State.SUCCEEDED, hotfixes.find(id).orElseThrow().state());
        }
    }

    /** A store database migrated as the bot migrates its own. */
    private static DataSource migratedStore(TestDatabase db) {
        PGSimpleDataSource store = new PGSimpleDataSource();
        store.setURL(db.jdbcUrl());
        new Store(store, "the test store", () -> { });
        return store;
    }

    /** The bot's requests on {@code store}, on a clock {@code ahead} of now (a later sweep, a restart). */
    private static Hotfixes hotfixes(Config config, DataSource store, Duration ahead) {
        return Hotfixes.over(config, new Ops(EmbeddedPg.shared(), config.planning()), store,
                Clock.offset(Clock.systemUTC(), ahead), null);
    }

    /** A hotfix request for production, proposed by alice and approved by both leads. */
    private static String approvedRequest(Hotfixes hotfixes, Config config) {
        String id = hotfixes.propose(config.targets().get("production"), "U0ALICE", OPS, false).request().id();
        assertTrue(hotfixes.approve(id, "U0LEAD1", OPS).accepted());
        assertTrue(hotfixes.approve(id, "U0LEAD2", OPS).accepted());
        return id;
    }

    /** Asks the server until it shows {@code expected}; the test's timeout bounds the wait. */
    private static void await(Statement st, String count, long expected) throws SQLException {
        while (true) {
            try (ResultSet rs = st.executeQuery(count)) {
                rs.next();
                if (rs.getLong(1) == expected) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }
}
