package dev.chillproxy.chillstreams.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * A new SQLite database (the embedded default's first start) migrated without Flyway: every owner's scripts run in
 * one transaction, and each owner's history table is written as Flyway writes it (its table and index, one row per
 * script with Flyway's version, description and checksum). Loading Flyway is about half a second of a two-second
 * first start; afterwards {@link SchemaHistory} reads these histories as current, and Flyway applies a later
 * release's new scripts on top of them ({@code FirstSqliteMigrationTest} holds both against Flyway itself).
 * Anything else (a database with a table in it, an owner without scripts or with a file Flyway must read itself, a
 * Flyway placeholder, a script that fails) is left to Flyway, which then reports what is wrong. Stateless.
 */
final class FirstSqliteMigration {

    /** Flyway 13's history table on SQLite, as it creates it (the test compares the two). */
    private static final String HISTORY_TABLE = """
            CREATE TABLE "%1$s" (
                "installed_rank" INT NOT NULL PRIMARY KEY,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INT,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TEXT NOT NULL DEFAULT (strftime('%%Y-%%m-%%d %%H:%%M:%%f','now')),
                "execution_time" INT NOT NULL,
                "success" BOOLEAN NOT NULL
            )""";
    private static final String HISTORY_INDEX = "CREATE INDEX \"%1$s_s_idx\" ON \"%1$s\" (\"success\")";
    private static final String HISTORY_ROW = "INSERT INTO \"%s\" (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success) VALUES (?, ?, ?, 'SQL', ?, ?, '', ?, 1)";

    private record Pending(String historyTable, List<MigrationScripts.Script> scripts, List<String> texts) {
    }

    private FirstSqliteMigration() {
    }

    /**
     * @param scripts each owner folder's scripts ({@link MigrationScripts#in})
     * @return whether it migrated every owner; false leaves the database as it was, for Flyway
     */
    static boolean tryApply(DataSource dataSource, ClassLoader loader, List<String> owners,
                            Map<String, List<MigrationScripts.Script>> scripts) {
        List<Pending> pending;
        try {
            pending = read(loader, owners, scripts);
        } catch (IOException e) {
            return false;
        }
        if (pending.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // the writer's transactions are IMMEDIATE: another process waits
            try {
                if (!isEmpty(connection)) {
                    connection.rollback();
                    return false;
                }
                apply(connection, pending);
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                return false;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every owner's scripts in version order with their text, or nothing when one must go to Flyway. */
    private static List<Pending> read(ClassLoader loader, List<String> owners,
                                      Map<String, List<MigrationScripts.Script>> scripts) throws IOException {
        List<Pending> pending = new ArrayList<>();
        for (String owner : owners) {
            String folder = Database.folder(owner, Engine.SQLITE);
            List<MigrationScripts.Script> found = scripts.getOrDefault(folder, List.of()).stream()
                    .sorted(Comparator.comparing(MigrationScripts.Script::version, SchemaHistory::compare)).toList();
            if (found.isEmpty()) {
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            for (MigrationScripts.Script script : found) {
                Optional<String> text = MigrationScripts.text(loader, folder + "/" + script.file());
                if (text.isEmpty() || text.get().contains("${")) { // Flyway would replace placeholders
                    return List.of();
                }
                texts.add(text.get());
            }
            pending.add(new Pending(Database.historyTable(owner), found, texts));
        }
        return pending;
    }

    private static boolean isEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return rows.next() && rows.getInt(1) == 0;
        }
    }

    private static void apply(Connection connection, List<Pending> pending) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Pending owner : pending) {
                statement.executeUpdate(HISTORY_TABLE.formatted(owner.historyTable()));
                statement.executeUpdate(HISTORY_INDEX.formatted(owner.historyTable()));
                try (PreparedStatement row = connection.prepareStatement(HISTORY_ROW.formatted(owner.historyTable()))) {
                    for (int i = 0; i < owner.scripts().size(); i++) {
                        MigrationScripts.Script script = owner.scripts().get(i);
                        long started = System.nanoTime();
                        statement.executeUpdate(owner.texts().get(i)); // sqlite-jdbc runs every statement of the text
                        row.setInt(1, i + 1);
                        row.setString(2, script.version());
                        row.setString(3, script.description());
                        row.setString(4, script.file());
                        row.setInt(5, script.checksum());
                        row.setLong(6, (System.nanoTime() - started) / 1_000_000);
                        row.executeUpdate();
                    }
                }
            }
        }
    }
}
