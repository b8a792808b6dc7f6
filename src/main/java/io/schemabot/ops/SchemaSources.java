package io.schemabot.ops;

import io.schemabot.UnreadableFile;
import io.schemabot.UserError;
import io.schemabot.db.DatabaseIdentity;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.diff.DefinitionNormaliser;
import io.schemabot.diff.DiffResult;
import io.schemabot.secret.Redactor;
import io.schemabot.migrate.ExpectedSchema;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.ShadowServer;
import io.schemabot.migrate.StatusReader;
import io.schemabot.schema.LiveSchema;
import io.schemabot.schema.Privileges;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotJson;
import io.schemabot.schema.SnapshotOptions;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns SOURCE arguments into snapshots: a JDBC URL, a postgres:// URL, file:snapshot.json, or
 * migrations:LOCATION[@VERSION] (the schema the migrations build in a shadow database). Every failure becomes a
 * {@link UserError} naming the source without its password.
 */
public final class SchemaSources {
    private static final String MIGRATIONS = "migrations:";
    private static final Pattern VERSIONED = Pattern.compile("(.+)@(" + ExpectedSchema.VERSION + "|latest|" + ExpectedSchema.NONE + ")");

    private final SnapshotOptions options;
    private final ShadowServer shadow;
    private final String historyTable;
    private final String baselineVersion;

    /** {@code baselineVersion}: Flyway's, where one is configured (null: none, the state before any migration). */
    public SchemaSources(SnapshotOptions options, ShadowServer shadow, String historyTable, String baselineVersion) {
        ExpectedSchema.requireVersion(baselineVersion);
        this.options = options;
        this.shadow = shadow;
        this.historyTable = historyTable;
        this.baselineVersion = baselineVersion;
    }

    /** The version a migrations side is built to when its SOURCE names none, and what its label adds about it. */
    private record DefaultVersion(String version, String note) {
        static final DefaultVersion NOT_GIVEN = new DefaultVersion(null, "");
    }

    /**
     * Two sides of a comparison, with labels fit for reports. {@code comparedFrom} and {@code comparedTo} are the
     * sides as compared and planned from: a migrations side's server spells the other side's definition texts as
     * it spells its own, where they mean the same (see {@link DefinitionNormaliser}).
     */
    public record Sides(Snapshot from, Snapshot to, String fromLabel, String toLabel, Snapshot comparedFrom,
                        Snapshot comparedTo) {
        public Sides(Snapshot from, Snapshot to, String fromLabel, String toLabel) {
            this(from, to, fromLabel, toLabel, from, to);
        }

        /** What turns FROM into TO, with the fingerprints of the schemas as read. */
        public DiffResult diff() {
            return DefinitionNormaliser.diff(from, to, comparedFrom, comparedTo);
        }
    }

    /**
     * Loads both sides. A migrations side without @VERSION is built up to the version the other side's Flyway
     * history says is applied, so that the comparison shows drift rather than pending migrations; with no history,
     * that is the state before the first migration.
     */
    public Sides load(String from, String to) {
        if (sameSource(from, to)) {
            throw new UserError("--from and --to are the same source (" + label(from, DefaultVersion.NOT_GIVEN)
                    + "): a schema always matches itself; give the database to change and the schema it should have");
        }
        DefaultVersion fromVersion = defaultVersion(from, to);
        DefaultVersion toVersion = defaultVersion(to, from);
        Sides sides = read(from, fromVersion, to, toVersion);
        requireSchemas(options.schemas(), sides.from(), sides.to());
        return sides;
    }

    /**
     * A schema named by --schema that no side has is a typo (names are case-sensitive), not a match: an empty
     * comparison would pass a CI check that compares nothing.
     */
    public static void requireSchemas(List<String> wanted, Snapshot... sides) {
        Set<String> present = new TreeSet<>();
        for (Snapshot side : sides) {
            side.schemas().forEach(n -> present.add(n.name()));
        }
        List<String> missing = wanted.stream().filter(w -> !present.contains(w)).toList();
        if (!missing.isEmpty()) {
            throw new UserError("no side has a schema named " + String.join(", ", missing.stream()
                    .map(m -> "'" + m + "'").toList()) + "; names are case-sensitive"
                    + (present.isEmpty() ? "" : " (found: " + String.join(", ", present) + ")"));
        }
    }

    /** The cheap textual check first; two databases spelt differently are then asked what they are. */
    private static boolean sameSource(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (isDatabase(a) && isDatabase(b)) {
            DatabaseUrl x = parseUrl(a);
            DatabaseUrl y = parseUrl(b);
            if (x.host().equalsIgnoreCase(y.host()) && x.port() == y.port() && x.database().equals(y.database())) {
                return true;
            }
            Optional<DatabaseIdentity> identity = DatabaseIdentity.of(x);
            return identity.isPresent() && identity.equals(DatabaseIdentity.of(y));
        }
        return a.strip().equals(b.strip());
    }

    private DefaultVersion defaultVersion(String side, String other) {
        if (!side.startsWith(MIGRATIONS) || VERSIONED.matcher(side).matches() || !isDatabase(other)) {
            return DefaultVersion.NOT_GIVEN;
        }
        String applied = StatusReader.read(parseUrl(other), migrationSource(side)).currentVersion();
        String expected = ExpectedSchema.expectedVersion(applied, baselineVersion);
        return new DefaultVersion(expected, applied != null ? ""
                : baselineVersion == null ? " (no Flyway history: every migration is pending)"
                : " (no Flyway history: the baseline; every later migration is pending)");
    }

    /**
     * A migrations side is compared on the server that built it: the other side's definitions are printed there
     * too while its shadow database stands, so that texts another server or version wrote compare by meaning.
     */
    private Sides read(String from, DefaultVersion fromVersion, String to, DefaultVersion toVersion) {
        String fromLabel = label(from, fromVersion);
        String toLabel = label(to, toVersion);
        boolean fromBuilt = from.startsWith(MIGRATIONS);
        boolean toBuilt = to.startsWith(MIGRATIONS);
        if (toBuilt && !fromBuilt) {
            Snapshot f = snapshot(from, fromVersion.version());
            return expected(to, toVersion.version(), (t, db) -> new Sides(f, t, fromLabel, toLabel,
                    DefinitionNormaliser.normalise(f, t, db), t));
        }
        if (fromBuilt && !toBuilt) {
            return expected(from, fromVersion.version(), (f, db) -> {
                Snapshot t = snapshot(to, toVersion.version());
                return new Sides(f, t, fromLabel, toLabel, f, DefinitionNormaliser.normalise(t, f, db));
            });
        }
        return new Sides(snapshot(from, fromVersion.version()), snapshot(to, toVersion.version()), fromLabel, toLabel);
    }

    private <R> R expected(String source, String defaultVersion, BiFunction<Snapshot, DatabaseUrl, R> whileOpen) {
        return ExpectedSchema.build(migrationSource(source), version(source, defaultVersion), shadow, options,
                whileOpen);
    }

    private static String version(String source, String defaultVersion) {
        Matcher m = VERSIONED.matcher(source);
        return m.matches() ? (m.group(2).equals("latest") ? null : m.group(2)) : defaultVersion;
    }

    private Snapshot snapshot(String source, String defaultVersion) {
        if (source == null || source.isBlank()) {
            throw new UserError("empty source; give a database URL (postgres://..., jdbc:postgresql://...),"
                    + " file:snapshot.json or migrations:filesystem:path");
        }
        if (source.startsWith("file:")) {
            // a file holds every grant it was read with: the roles ignored now are left out as a live read leaves them
            return Privileges.ignoring(fromFile(Path.of(source.substring("file:".length()))), options.ignoredGrantees());
        }
        if (source.startsWith(MIGRATIONS)) {
            return ExpectedSchema.build(migrationSource(source), version(source, defaultVersion), shadow, options);
        }
        return LiveSchema.read(parseUrl(source), options);
    }

    private MigrationSource migrationSource(String source) {
        Matcher m = VERSIONED.matcher(source);
        String location = (m.matches() ? m.group(1) : source).substring(MIGRATIONS.length());
        return new MigrationSource(location, historyTable);
    }

    /** The roles whose grants every side leaves out, in name order. */
    public java.util.List<String> ignoredGrantees() {
        return options.ignoredGrantees().stream().sorted().toList();
    }

    /** A live database (a URL), as opposed to a snapshot file or a migrations location. */
    public static boolean isDatabase(String source) {
        return source.startsWith("jdbc:") || source.startsWith("postgres://") || source.startsWith("postgresql://");
    }

    /** A label for reports: the database without credentials, the file, or the migrations and their version. */
    private static String label(String source, DefaultVersion version) {
        if (source.startsWith("file:")) {
            return source;
        }
        if (source.startsWith(MIGRATIONS)) {
            return VERSIONED.matcher(source).matches() || version.version() == null ? source
                    : source + "@" + version.version() + version.note();
        }
        try {
            return DatabaseUrl.parse(source).describe();
        } catch (IllegalArgumentException e) {
            return Redactor.urls(source);
        }
    }

    public static DatabaseUrl parseUrl(String source) {
        try {
            return DatabaseUrl.parse(source);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + "; sources are postgres://user:pass@host:port/db,"
                    + " jdbc:postgresql://host:port/db, file:snapshot.json or migrations:filesystem:path[@version]");
        }
    }

    static Snapshot fromFile(Path file) {
        try {
            return SnapshotJson.read(file);
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read snapshot file " + file + ": " + UnreadableFile.reason(file, e.getCause()));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
