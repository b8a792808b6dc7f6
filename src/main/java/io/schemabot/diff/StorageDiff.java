package io.schemabot.diff;

import io.schemabot.schema.Table;
import io.schemabot.schema.View;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Compares how a table or materialized view is stored: parameters, access method, column settings. */
final class StorageDiff {
    private StorageDiff() {
    }

    static void tables(Table a, Table b, List<Change> changes) {
        String table = a.qualifiedName();
        if (!a.options().equals(b.options())) {
            changes.add(new TableChange.StorageChanged(table, "storage parameters", text(a.options()), text(b.options())));
        }
        accessMethod(table, a.accessMethod(), b.accessMethod(), changes);
    }

    /** A materialized view's parameters are its options, which {@link ViewDiff} compares already. */
    static void views(View a, View b, List<Change> changes) {
        accessMethod(a.qualifiedName(), a.accessMethod(), b.accessMethod(), changes);
    }

    /** {@code column} is quoted already. */
    static void column(String table, String column, Map<String, String> a, Map<String, String> b,
                       List<Change> changes) {
        if (!a.equals(b)) {
            changes.add(new TableChange.ColumnSettingsChanged(table, column, text(a), text(b)));
        }
    }

    /**
     * Tablespaces are not compared: they place files on one cluster's disks (a fresh shadow has only the default),
     * like owners they differ between clusters holding the same schema, and moving a table rewrites it.
     */
    private static void accessMethod(String name, String amFrom, String amTo, List<Change> changes) {
        if (!Objects.equals(amFrom, amTo)) {
            changes.add(new TableChange.StorageChanged(name, "access method", amFrom, amTo));
        }
    }

    private static String text(Map<String, String> settings) {
        return settings.isEmpty() ? null : settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
