package io.schemabot.bench;

import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.Preflight;
import io.schemabot.migrate.PreflightReport;
import io.schemabot.migrate.ShadowServer;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * End-to-end preflight with a warm shadow server (the embedded PostgreSQL of this JVM, already started):
 * the incident (V3 pending and failing), and a 200-migration project with 20 pending. Run:
 * {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.class=io.schemabot.bench.PreflightBench}
 */
public final class PreflightBench {
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        EmbeddedPg.server(); // warm: the shadow server is running before the clock starts
        System.out.println("| case | median of " + RUNS + " | runs | result |");
        System.out.println("|---|---:|---|---|");
        try (TestDatabase prod = IncidentProduction.create("bench_incident")) {
            time("incident (V1-V2 applied with drift, V3 pending)", prod,
                    new MigrationSource(IncidentProduction.MIGRATIONS, null));
        }
        Path dir = Files.createTempDirectory("bench-migrations");
        for (int i = 1; i <= 200; i++) {
            String sql = i % 4 == 0
                    ? "ALTER TABLE t" + (i - 1) + " ADD COLUMN extra_" + i + " text;\nCREATE INDEX ON t" + (i - 1) + " (extra_" + i + ");"
                    : "CREATE TABLE t" + i + " (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now()"
                    + (i > 1 && (i - 1) % 4 != 0 ? ", prev_id bigint REFERENCES t" + (i - 1) + " (id)" : "") + ");";
            Files.writeString(dir.resolve("V" + i + "__step_" + i + ".sql"), sql + "\n");
        }
        MigrationSource project = new MigrationSource("filesystem:" + dir, null);
        try (TestDatabase prod = EmbeddedPg.createDatabase("bench_200")) {
            project.flyway(prod.url(), "180").migrate();
            time("200 migrations (180 applied, 20 pending)", prod, project);
        }
        System.exit(0);
    }

    private static void time(String label, TestDatabase prod, MigrationSource source) {
        Preflight preflight = new Preflight(source, ShadowServer.embedded(EmbeddedPg.shared()), SnapshotOptions.defaults(), Duration.ofMinutes(2));
        preflight.run(prod.url()); // warm-up: JIT, Flyway's classes
        long[] runs = new long[RUNS];
        String result = "";
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            PreflightReport report = preflight.run(prod.url());
            runs[i] = System.nanoTime() - t0;
            result = report.migrations().size() + " pending, " + (report.passed() ? "all apply" : "one fails");
        }
        long[] sorted = runs.clone();
        Arrays.sort(sorted);
        System.out.printf("| %s | %d ms | %s | %s |%n", label, sorted[RUNS / 2] / 1_000_000,
                String.join(", ", Arrays.stream(runs).mapToObj(r -> r / 1_000_000 + " ms").toList()), result);
    }
}
