package io.schemabot.bench;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Planner;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.Incident;
import io.schemabot.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The incident's repair on N documents (default 1,000,000), each with T characters of text (default 2,000), and M
 * questions (default 2 per document): schemabot's plan against the script the on-call engineer wrote (drop the FKs;
 * one ALTER per column; recreate the FKs). Each run gets a fresh copy of production made with CREATE DATABASE ...
 * TEMPLATE; statements are timed one by one, so the table also shows where the time goes (median per statement). Run:
 * {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.class=io.schemabot.bench.IncidentRepairBench
 * -Dbench.args="N M T"}
 */
public final class IncidentRepairBench {
    static final String HAND_WRITTEN = """
            BEGIN;
            ALTER TABLE document_questions DROP CONSTRAINT document_questions_document_id_fkey;
            ALTER TABLE documents DROP CONSTRAINT documents_parent_document_id_fkey;
            ALTER TABLE documents ALTER COLUMN id TYPE varchar(36) USING id::text;
            ALTER TABLE documents ALTER COLUMN parent_document_id TYPE varchar(36) USING parent_document_id::text;
            ALTER TABLE document_questions ALTER COLUMN document_id TYPE varchar(36) USING document_id::text;
            ALTER TABLE documents ADD CONSTRAINT documents_parent_document_id_fkey
              FOREIGN KEY (parent_document_id) REFERENCES documents (id) ON DELETE SET NULL;
            ALTER TABLE document_questions ADD CONSTRAINT document_questions_document_id_fkey
              FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE;
            COMMIT;
            """;
    private static final int RUNS = 3;
    private static final int DEFAULT_TEXT_CHARS = 2000;

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : documents * 2;
        int textChars = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_TEXT_CHARS;
        String target = Incident.EXPECTED.substring(0, Incident.EXPECTED.indexOf("CREATE TABLE admin_activities"));
        try (TestDatabase prod = EmbeddedPg.createDatabase("repair_prod");
             TestDatabase expected = EmbeddedPg.createDatabase("repair_expected")) {
            prod.exec(withText(Incident.PRODUCTION)).exec(rows(documents, questions, textChars)).exec("CHECKPOINT");
            expected.exec(withText(target));
            Snapshot from = prod.snapshot();
            Snapshot to = expected.snapshot();
            Plan plan = Planner.plan(SchemaDiff.between(from, to), from, to);
            System.out.printf("incident repair, %,d documents of %,d characters of text and %,d questions, PostgreSQL %s%n",
                    documents, textChars, questions, from.serverVersion());
            List<String> handStatements = statements(HAND_WRITTEN);
            List<String> planStatements = statements(plan.sql());
            long[][] hand = new long[RUNS][];
            long[][] ours = new long[RUNS][];
            for (int i = 0; i < RUNS; i++) {
                hand[i] = timeOnCopy(prod, handStatements);
                ours[i] = timeOnCopy(prod, planStatements);
            }
            double handMs = median(totals(hand)) / 1e6;
            double oursMs = median(totals(ours)) / 1e6;
            System.out.println("| script | median of " + RUNS + " | runs |");
            System.out.println("|---|---:|---|");
            System.out.printf("| hand-written (one ALTER per column) | %.0f ms | %s |%n", handMs, list(totals(hand)));
            System.out.printf("| schemabot plan | %.0f ms | %s |%n", oursMs, list(totals(ours)));
            System.out.printf("ratio plan / hand-written: %.2f%n", oursMs / handMs);
            printStatements("hand-written", handStatements, hand);
            printStatements("schemabot plan", planStatements, ours);
        }
        System.exit(0);
    }

    /** The incident's schema with the documents' text, the column that makes a rewrite of {@code documents} weigh. */
    private static String withText(String schema) {
        return schema.replace("title text NOT NULL,", "title text NOT NULL, body text NOT NULL,");
    }

    /**
     * The incident's rows, each document with {@code textChars} characters of word-like text: a window, at one of
     * many offsets, into one of 1,000 generated paragraphs, so values differ and compress about as well as prose.
     */
    private static String rows(int documents, int questions, int textChars) {
        return """
                SELECT setseed(0.5);
                CREATE TEMP TABLE paragraphs AS SELECT n, string_agg(word, ' ') AS text
                  FROM (SELECT g %% 1000 AS n,
                               (ARRAY['schema', 'migration', 'the', 'of', 'production', 'deploy', 'column', 'a',
                                      'index', 'table', 'and', 'question', 'document', 'answer', 'to', 'key',
                                      'value', 'is', 'in', 'review', 'customer', 'contract', 'section', 'page',
                                      'report', 'summary', 'policy', 'term', 'date', 'amount'])[1 + floor(random() * 30)::int]
                               || CASE WHEN random() < 0.1 THEN (floor(random() * 10000))::text ELSE '' END AS word
                        FROM generate_series(0, 1000 * %3$d - 1) g) w
                  GROUP BY n;
                INSERT INTO documents (id, title, body, parent_document_id)
                  SELECT md5(i::text)::uuid, 'doc ' || i, substr(p.text, 1 + i / 1000 %% greatest(1, length(p.text) - %2$d), %2$d),
                         CASE WHEN i %% 10 = 0 THEN md5((i - 1)::text)::uuid END
                  FROM generate_series(1, %1$d) i JOIN paragraphs p ON p.n = i %% 1000;
                INSERT INTO document_questions (document_id, question)
                  SELECT md5((i %% %1$d + 1)::text)::uuid, 'q ' || i FROM generate_series(1, %4$d) i;
                ANALYZE documents; ANALYZE document_questions;
                """.formatted(documents, textChars, Math.max(1, textChars * 2 / 6), questions);
    }

    /** The script's statements, comments dropped (both scripts end each statement with a semicolon at a line end). */
    private static List<String> statements(String script) {
        return Arrays.stream(script.split(";\\s*\\n"))
                .map(s -> s.lines().filter(line -> !line.startsWith("--")).collect(Collectors.joining(" ")).trim())
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Nanoseconds per statement, run in order on one connection on a fresh copy of production. */
    private static long[] timeOnCopy(TestDatabase prod, List<String> statements) throws SQLException {
        String copy = prod.name() + "_copy";
        EmbeddedPg.execAsSuperuser("postgres", "DROP DATABASE IF EXISTS " + copy);
        EmbeddedPg.execAsSuperuser("postgres", "CREATE DATABASE " + copy + " TEMPLATE " + prod.name());
        TestDatabase db = new TestDatabase(copy, prod.port());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
            long[] nanos = new long[statements.size()];
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                st.execute(statements.get(i));
                nanos[i] = System.nanoTime() - t0;
            }
            return nanos;
        } finally {
            db.close();
        }
    }

    private static long[] totals(long[][] runs) {
        return Arrays.stream(runs).mapToLong(run -> Arrays.stream(run).sum()).toArray();
    }

    private static void printStatements(String script, List<String> statements, long[][] runs) {
        System.out.println();
        System.out.println("| " + script + ", statement | median |");
        System.out.println("|---|---:|");
        for (int i = 0; i < statements.size(); i++) {
            int column = i;
            double ms = median(Arrays.stream(runs).mapToLong(run -> run[column]).toArray()) / 1e6;
            String sql = statements.get(i).replaceAll("\\s+", " ");
            System.out.printf("| `%s` | %.0f ms |%n", sql.length() > 100 ? sql.substring(0, 97) + "..." : sql, ms);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String list(long[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(v -> (v / 1_000_000) + " ms").toList());
    }
}
