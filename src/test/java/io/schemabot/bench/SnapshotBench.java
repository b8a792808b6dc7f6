package io.schemabot.bench;

import io.schemabot.schema.LiveSchema;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times a snapshot (as the CLI takes it: two connections) of N tables (10 columns, PK, one FK, 2 indexes, a check, defaults) against
 * {@code pg_dump --schema-only} on the same database. Run: {@code mvn -B -q -Pbench test-compile exec:exec
 * -Dbench.class=io.schemabot.bench.SnapshotBench}; the profile caps the heap at 256 MB.
 */
public final class SnapshotBench {
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0 ? List.of(1_000, 10_000)
                : Arrays.stream(args).map(Integer::parseInt).toList();
        String pgDump = System.getProperty("pg_dump", "pg_dump");
        System.out.printf("server %s, pg_dump: %s, max heap %d MB%n", serverVersion(), version(pgDump),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println("| tables | objects | schemabot snapshot (median of 3) | pg_dump --schema-only (median of 3) | ratio | peak heap |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            try (TestDatabase db = EmbeddedPg.createDatabase("bench_" + n)) {
                build(db, n);
                db.exec("ANALYZE");
                LiveSchema.read(db.url(), SnapshotOptions.defaults()); // warm-up: JIT, catalog caches
                resetPeaks();
                long[] ours = new long[RUNS];
                int objects = 0;
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    Snapshot s = LiveSchema.read(db.url(), SnapshotOptions.defaults());
                    ours[i] = System.nanoTime() - t0;
                    objects = s.objectCount();
                }
                long peak = peakHeap();
                long[] dump = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    dump[i] = pgDump(pgDump, db);
                }
                double oursMs = median(ours) / 1e6;
                double dumpMs = median(dump) / 1e6;
                System.out.printf("| %,d | %,d | %.0f ms | %.0f ms | %.2f | %d MB |%n", n, objects, oursMs, dumpMs,
                        oursMs / dumpMs, peak / (1024 * 1024));
            }
        }
        System.exit(0);
    }

    /** Each table references the previous one, so every FK is real. */
    static void build(TestDatabase db, int n) {
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            String ref = i == 1 ? "" : " REFERENCES t" + (i - 1) + " (id)";
            sql.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY, parent_id bigint").append(ref)
                    .append(", name text NOT NULL DEFAULT 'unnamed', qty int DEFAULT 0 CHECK (qty >= 0),")
                    .append(" price numeric(10,2) DEFAULT 0, created_at timestamptz DEFAULT now(),")
                    .append(" active boolean DEFAULT true, code varchar(64), ref uuid, data jsonb);")
                    .append("CREATE INDEX ON t").append(i).append(" (parent_id);")
                    .append("CREATE INDEX ON t").append(i).append(" (code, created_at);");
            if (i % 500 == 0 || i == n) {
                db.exec(sql.toString());
                sql.setLength(0);
            }
        }
    }

    private static long pgDump(String pgDump, TestDatabase db) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(pgDump, "--schema-only", "-h", "localhost", "-p", String.valueOf(db.port()),
                "-U", "postgres", "-f", "/dev/null", db.name()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_dump failed: " + out);
        }
        return System.nanoTime() - t0;
    }

    private static String version(String pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump, "--version").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            return "not found (" + e.getMessage() + ")";
        }
    }

    private static String serverVersion() {
        try (TestDatabase db = EmbeddedPg.createDatabase("bench_version")) {
            return db.snapshot().serverVersion();
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        List<Long> peaks = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peaks.add(pool.getPeakUsage().getUsed());
            }
        }
        return peaks.stream().mapToLong(Long::longValue).sum();
    }
}
