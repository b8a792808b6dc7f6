package io.schemabot.bench;

import io.schemabot.config.Config;
import io.schemabot.execute.Attempt;
import io.schemabot.execute.Execution;
import io.schemabot.execute.Proof;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.ops.Hotfixes;
import io.schemabot.ops.Ops;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;
import io.schemabot.store.Store;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.Incident;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The incident's repair executed through the bot, as the channel meets it (propose, two approvals, Execute, proof),
 * against the on-call engineer's hand-written script, on N documents (default 1,000,000: ids, titles, parents, no
 * padding) and M questions (default 2 per document). Production is the incident's: Flyway V1 and V2 of the demo
 * migrations, then the hand-made uuid drift. Each run, script and bot alternating, gets a fresh copy made with
 * CREATE DATABASE ... TEMPLATE. Measured: how long {@code documents} and {@code document_questions} were locked
 * ACCESS EXCLUSIVE (from the first statement that takes the lock to the end of COMMIT, on both sides), the time from
 * Execute to the proof, and the proof's share of it. Run: {@code mvn -B -q -Pbench test-compile exec:exec
 * -Dbench.class=io.schemabot.bench.ExecutionBench -Dbench.heap=1g -Dpg-binaries.version=17.6.0 -Dbench.args="N M"}
 */
public final class ExecutionBench {
    private static final int RUNS = 3;
    private static final String CHANNEL = "C0OPS";
    private static final String PROPOSER = "U0ALICE";
    private static final List<String> APPROVERS = List.of("U0LEAD1", "U0LEAD2");

    /** The hand-written script's figures: ACCESS EXCLUSIVE from its first ALTER to the end of COMMIT, and in all. */
    private record Hand(long lockedNanos, long totalNanos) {
    }

    /** One execution through the bot and the wall time of its Execute call. */
    private record Bot(Execution execution, long executeNanos, long proposeNanos) {
        Proof proof() {
            return execution.proof();
        }

        long lockedNanos() {
            return proof().exclusiveLocksHeld().toNanos();
        }

        long provingNanos() {
            return proof().proving().toNanos();
        }

        long transactionNanos() {
            List<Attempt> attempts = execution.attempts();
            return attempts.get(attempts.size() - 1).duration().toNanos();
        }

        long validationNanos() {
            return proof().validations().stream().mapToLong(v -> v.took().toNanos()).sum();
        }

        /** From the executor's start to the end of the last VALIDATE (or of the transaction, when there is none). */
        long afterCommitEndNanos() {
            List<Proof.Validation> v = proof().validations();
            return v.isEmpty() ? -1 : v.get(v.size() - 1).finishedAfter().toNanos();
        }

        /** The final re-read of production's schema: what the executor's total adds after the last validation. */
        long rereadNanos() {
            return afterCommitEndNanos() < 0 ? -1 : proof().total().toNanos() - afterCommitEndNanos();
        }

        /** Advisory lock, fingerprint, Flyway history and data checks: before the first validation, less the transaction. */
        long beforeTransactionNanos() {
            List<Proof.Validation> v = proof().validations();
            if (v.isEmpty()) {
                return -1;
            }
            return v.get(0).finishedAfter().toNanos() - v.get(0).took().toNanos() - transactionNanos();
        }

        /** Counting and checksumming inside the transaction: the proof's cost less the final re-read. */
        long figuresNanos() {
            return rereadNanos() < 0 ? -1 : provingNanos() - rereadNanos();
        }

        /** What Hotfixes adds around the executor: the claim in the store, reading the plan, recording the outcome. */
        long storeNanos() {
            return executeNanos - proof().total().toNanos();
        }
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : documents * 2;
        try (TestDatabase prod = EmbeddedPg.createDatabase("exec_prod");
             TestDatabase storeDb = EmbeddedPg.createDatabase("exec_store");
             Store store = Store.open(storeDb.jdbcUrl(), null)) {
            long built = System.nanoTime();
            production(prod, documents, questions);
            String copy = prod.name() + "_copy";
            TestDatabase copyDb = new TestDatabase(copy, prod.port());
            Config config = config(copyDb.jdbcUrl());
            Hotfixes hotfixes = Hotfixes.over(config, new Ops(EmbeddedPg.shared(), config.planning()),
                    store.dataSource(), Clock.systemUTC(), null);
            System.out.printf("incident execution, %,d documents (ids, titles, parents; no padding) and %,d questions,"
                    + " PostgreSQL %s; production built in %.0f s%n", documents, questions,
                    prod.queryString("SHOW server_version"), (System.nanoTime() - built) / 1e9);
            List<String> hand = statements(IncidentRepairBench.HAND_WRITTEN);
            Hand[] handRuns = new Hand[RUNS];
            Bot[] botRuns = new Bot[RUNS];
            Plan shown = null;
            for (int i = 0; i < RUNS; i++) {
                handRuns[i] = hand(prod, copyDb, hand);
                freshCopy(prod, copyDb);
                long proposing = System.nanoTime();
                Hotfixes.Proposed proposed = hotfixes.propose(config.targets().get("production"), PROPOSER, CHANNEL,
                        false);
                long proposeNanos = System.nanoTime() - proposing;
                if (proposed.request() == null) {
                    throw new IllegalStateException("the bot found nothing to fix on " + copy);
                }
                shown = proposed.plan();
                botRuns[i] = bot(hotfixes, proposed.request().id(), proposeNanos);
                copyDb.close();
            }
            print(documents, questions, handRuns, botRuns, shown);
        }
        System.exit(0);
    }

    /** The incident's production: the demo migrations to V2, the hand-made drift, then its rows. */
    private static void production(TestDatabase prod, int documents, int questions) {
        new MigrationSource(IncidentProduction.MIGRATIONS, null).flyway(prod.url(), "2").migrate();
        prod.exec(IncidentProduction.resource("demo/production-drift.sql"));
        prod.exec(Incident.rows(documents, questions)).exec("VACUUM ANALYZE").exec("CHECKPOINT");
    }

    private static Config config(String productionUrl) {
        return new Config(new Config.Slack(null, null, "http://localhost/api/", CHANNEL, "/schemabot", false),
                Map.of("production", new Config.Target("production", productionUrl, IncidentProduction.MIGRATIONS,
                        null, null)),
                new Config.Approval(APPROVERS, 2, Duration.ofMinutes(30)), new Config.Server(0), new Config.Store(null),
                Config.Planning.defaults(), Config.Commands.defaults(), Config.Execute.defaults());
    }

    private static void freshCopy(TestDatabase prod, TestDatabase copy) {
        copy.close();
        EmbeddedPg.execAsSuperuser("postgres", "CREATE DATABASE " + copy.name() + " TEMPLATE " + prod.name());
        copy.exec("CHECKPOINT");
    }

    /** The script statement by statement on one connection; its second statement is the first to lock. */
    private static Hand hand(TestDatabase prod, TestDatabase copy, List<String> statements) throws SQLException {
        freshCopy(prod, copy);
        try (Connection c = copy.connect(); Statement st = c.createStatement()) {
            long started = System.nanoTime();
            long locked = 0;
            for (int i = 0; i < statements.size(); i++) {
                if (i == 1) {
                    locked = System.nanoTime();
                }
                st.execute(statements.get(i));
            }
            long ended = System.nanoTime();
            return new Hand(ended - locked, ended - started);
        } finally {
            copy.close();
        }
    }

    /** Two approvers other than the proposer, then Execute, timed from the press to the proof. */
    private static Bot bot(Hotfixes hotfixes, String id, long proposeNanos) {
        for (String approver : APPROVERS) {
            if (!hotfixes.approve(id, approver, CHANNEL).accepted()) {
                throw new IllegalStateException(approver + "'s approval of " + id + " was refused");
            }
        }
        long pressed = System.nanoTime();
        Hotfixes.Executed executed = hotfixes.execute(id, APPROVERS.get(0), CHANNEL);
        long executeNanos = System.nanoTime() - pressed;
        if (executed.execution() == null || !executed.execution().succeeded()
                || !Proof.NO_DRIFT.equals(executed.execution().proof().driftAfter())) {
            throw new IllegalStateException("the bot's execution of " + id + " did not succeed: "
                    + (executed.execution() == null ? executed.refusal().message() : executed.execution().message()));
        }
        return new Bot(executed.execution(), executeNanos, proposeNanos);
    }

    /** The script's statements (each ends with a semicolon at a line end), lines joined. */
    private static List<String> statements(String script) {
        return Arrays.stream(script.split(";\\s*\\n"))
                .map(s -> String.join(" ", s.lines().map(String::trim).toList()).trim())
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static void print(int documents, int questions, Hand[] hand, Bot[] bot, Plan plan) {
        System.out.println();
        System.out.println("The bot's plan (last run):");
        plan.inTransaction().forEach(s -> System.out.println("  in transaction: " + oneLine(s)));
        plan.afterCommit().forEach(s -> System.out.println("  after COMMIT:   " + oneLine(s)));

        System.out.println();
        System.out.println("| run | hand AE lock | hand total | bot AE lock | bot Execute->proof | bot proof | proof share"
                + " (of Execute->proof) | bot validation after COMMIT | AE ratio bot/hand |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < RUNS; i++) {
            row(String.valueOf(i + 1), hand[i].lockedNanos(), hand[i].totalNanos(), bot[i].lockedNanos(),
                    bot[i].executeNanos(), bot[i].provingNanos(), bot[i].validationNanos());
        }
        row("**median**", median(hand, Hand::lockedNanos), median(hand, Hand::totalNanos),
                median(bot, Bot::lockedNanos), median(bot, Bot::executeNanos), median(bot, Bot::provingNanos),
                median(bot, Bot::validationNanos));

        long handLocked = median(hand, Hand::lockedNanos);
        long botLocked = median(bot, Bot::lockedNanos);
        long execute = median(bot, Bot::executeNanos);
        long proving = median(bot, Bot::provingNanos);
        System.out.println();
        System.out.printf("ACCESS EXCLUSIVE, bot / hand-written (medians): %.2f (target <= 0.60: %s)%n",
                (double) botLocked / handLocked, botLocked <= 0.6 * handLocked ? "met" : "NOT met");
        System.out.printf("proof share of Execute->proof (medians): %.1f%% (target < 20%%: %s); of the executor's"
                + " total, as the proof card says: %s%n", 100.0 * proving / execute,
                proving < 0.2 * execute ? "met" : "NOT met",
                String.join(", ", Arrays.stream(bot).map(b -> b.proof().provingPercent() + "%").toList()));

        System.out.println();
        System.out.println("| where the bot's Execute->proof goes | run 1 | run 2 | run 3 | median |");
        System.out.println("|---|---:|---:|---:|---:|");
        breakdown("before the transaction (advisory lock, fingerprint, Flyway history, data checks)", bot,
                Bot::beforeTransactionNanos);
        breakdown("the transaction (settings, figures, steps, COMMIT)", bot, Bot::transactionNanos);
        breakdown("  of which ACCESS EXCLUSIVE (first locking step to COMMIT end)", bot, Bot::lockedNanos);
        breakdown("  of which counting and checksumming (before and after)", bot, Bot::figuresNanos);
        breakdown("after COMMIT: VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE)", bot, Bot::validationNanos);
        breakdown("final re-read of the schema (drift check)", bot, Bot::rereadNanos);
        breakdown("executor total (proof card's total)", bot, b -> b.proof().total().toNanos());
        breakdown("around the executor (store claim, plan read, outcome recorded)", bot, Bot::storeNanos);
        breakdown("**Execute->proof**", bot, Bot::executeNanos);
        breakdown("(not counted: propose, i.e. snapshot, shadow, diff, plan, data checks)", bot, Bot::proposeNanos);

        Proof last = bot[RUNS - 1].proof();
        System.out.println();
        System.out.println("Proof of the last run: " + String.join("; ", last.tables().stream()
                .map(t -> t.table() + " " + t.before() + " -> " + t.after() + " rows").toList())
                + "; checksums equal: " + last.columns().stream().allMatch(Proof.ColumnChecksum::equal)
                + "; drift: " + last.driftAfter());
        last.validations().forEach(v -> System.out.printf("  validated after COMMIT: %s, took %d ms, finished %d ms"
                + " after the start%n", v.title(), v.took().toMillis(), v.finishedAfter().toMillis()));
    }

    private static void row(String run, long handLocked, long handTotal, long botLocked, long execute, long proving,
                            long validation) {
        System.out.printf("| %s | %s | %s | %s | %s | %s | %.1f%% | %s | %.2f |%n", run, ms(handLocked), ms(handTotal),
                ms(botLocked), ms(execute), ms(proving), 100.0 * proving / execute, ms(validation),
                (double) botLocked / handLocked);
    }

    private static void breakdown(String what, Bot[] runs, ToLongFunction<Bot> figure) {
        StringBuilder line = new StringBuilder("| " + what + " |");
        for (Bot b : runs) {
            line.append(' ').append(ms(figure.applyAsLong(b))).append(" |");
        }
        System.out.println(line.append(' ').append(ms(median(runs, figure))).append(" |"));
    }

    private static <T> long median(T[] runs, ToLongFunction<T> figure) {
        long[] sorted = Arrays.stream(runs).mapToLong(figure).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "n/a" : String.format("%,d ms", nanos / 1_000_000);
    }

    private static String oneLine(Step step) {
        String sql = step.sql().replaceAll("\\s+", " ").trim();
        return sql.length() > 140 ? sql.substring(0, 137) + "..." : sql;
    }
}
