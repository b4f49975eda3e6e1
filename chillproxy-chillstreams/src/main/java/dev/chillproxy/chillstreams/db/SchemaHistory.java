package dev.chillproxy.chillstreams.db;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Reads one owner's Flyway history table to tell whether every script is already applied, unchanged: then a start
 * has nothing to migrate and skips Flyway (its class loading, class-path scan and validation are most of a restart's
 * database time). Anything else (no table, a failed or missing script, a changed checksum, a row for a version
 * between the scripts that no script has) is "not current", and Flyway runs as before and says what is wrong.
 * Stateless.
 */
final class SchemaHistory {

    private SchemaHistory() {
    }

    /** @param scripts the owner's scripts on the class path ({@link MigrationScripts}) */
    static boolean isCurrent(DataSource dataSource, String table, List<MigrationScripts.Script> scripts) {
        if (scripts.isEmpty()) {
            return false;
        }
        Map<String, Integer> applied = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // Flyway keeps its history in the connection's current schema (PostgreSQL), not anywhere on the search path
            String schema = connection.getSchema();
            String qualified = schema == null ? table : '"' + schema.replace("\"", "\"\"") + "\"." + table;
            try (ResultSet rows = statement.executeQuery("SELECT version, checksum, success, type FROM " + qualified)) {
                while (rows.next()) {
                    String version = rows.getString(1);
                    boolean success = rows.getBoolean(3);
                    String type = rows.getString(4);
                    if (!success) {
                        return false;
                    }
                    if ("SQL".equals(type) && version != null) {
                        int checksum = rows.getInt(2);
                        applied.put(MigrationScripts.version(version), rows.wasNull() ? null : checksum);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
        List<String> versions = scripts.stream().map(MigrationScripts.Script::version).toList();
        for (MigrationScripts.Script script : scripts) {
            if (!Objects.equals(applied.get(script.version()), script.checksum())) { // a script not applied reads null
                return false;
            }
        }
        // a version this build has no script for: Flyway ignores newer ones (another instance's newer release) and
        // fails on older ones, which it must report
        String newest = versions.stream().max(SchemaHistory::compare).orElseThrow();
        return applied.keySet().stream().allMatch(version -> versions.contains(version) || compare(version, newest) > 0);
    }

    /** Flyway's version order: dot-separated numbers compared part by part, a missing part counting as 0. */
    static int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int order = new BigInteger(i < left.length ? left[i] : "0")
                    .compareTo(new BigInteger(i < right.length ? right[i] : "0"));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
