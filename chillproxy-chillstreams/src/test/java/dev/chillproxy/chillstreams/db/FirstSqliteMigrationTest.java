package dev.chillproxy.chillstreams.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new SQLite database's first start skips Flyway and ends exactly where Flyway would have left it. */
class FirstSqliteMigrationTest {

    private static final List<String> OWNERS = List.of("probe", "outbox", "cluster", "pool", "signals");

    @Test
    void theSchemaAndTheHistoriesAreTheOnesFlywayWrites() {
        try (TestDatabase byFlyway = TestDatabase.sqlite(); TestDatabase fast = TestDatabase.sqlite()) {
            execute(byFlyway, "CREATE TABLE not_empty (x INTEGER)"); // a database with a table goes to Flyway
            byFlyway.database().migrate(OWNERS);

            assertTrue(FirstSqliteMigration.tryApply(fast.database().dataSource(), loader(), OWNERS, scripts(loader(), OWNERS)));

            String schema = "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master"
                    + " WHERE name <> 'not_empty' AND sql IS NOT NULL ORDER BY name";
            assertEquals(rows(byFlyway, schema), rows(fast, schema));
            for (String owner : OWNERS) {
                String history = "SELECT version || '|' || description || '|' || type || '|' || script || '|' || checksum"
                        + " || '|' || installed_by || '|' || success FROM flyway_" + owner + "_history WHERE type = 'SQL'"
                        + " ORDER BY installed_rank";
                assertFalse(rows(fast, history).isEmpty(), owner);
                assertEquals(rows(byFlyway, history), rows(fast, history), owner);
                flyway(fast, "classpath:" + Database.folder(owner, Engine.SQLITE), owner).validate(); // throws on any difference
            }
        }
    }

    @Test
    void aLaterReleasesScriptIsAppliedByFlywayOnTop(@TempDir Path classes) throws IOException {
        Path folder = Files.createDirectories(classes.resolve("db/later/sqlite"));
        Files.writeString(folder.resolve("V1__first_table.sql"), "CREATE TABLE later_a (id INTEGER PRIMARY KEY);\n"
                + "CREATE INDEX later_a_id ON later_a (id);\n");
        try (TestDatabase test = TestDatabase.sqlite(); URLClassLoader loader = loader(classes)) {
            assertTrue(FirstSqliteMigration.tryApply(test.database().dataSource(), loader, List.of("later"),
                    scripts(loader, List.of("later"))));
            assertEquals(List.of("later_a_id"), rows(test, "SELECT name FROM sqlite_master WHERE type = 'index'"
                    + " AND tbl_name = 'later_a'"), "both statements of the script ran");

            Files.writeString(folder.resolve("V2__second_column.sql"), "ALTER TABLE later_a ADD COLUMN name TEXT;\n");
            assertEquals(1, flyway(test, "filesystem:" + folder, "later").migrate().migrationsExecuted);

            execute(test, "INSERT INTO later_a (id, name) VALUES (1, 'x')");
            assertEquals(List.of("1|first table|1", "2|second column|1"), rows(test,
                    "SELECT version || '|' || description || '|' || success FROM flyway_later_history ORDER BY installed_rank"));
        }
    }

    @Test
    void aDatabaseWithATableOrAFailingScriptIsLeftAsItWasForFlyway(@TempDir Path classes) throws IOException {
        try (TestDatabase used = TestDatabase.sqlite()) {
            execute(used, "CREATE TABLE operator_table (x INTEGER)");
            assertFalse(FirstSqliteMigration.tryApply(used.database().dataSource(), loader(), OWNERS, scripts(loader(), OWNERS)));
            assertEquals(List.of("operator_table"), rows(used, "SELECT name FROM sqlite_master"));
        }

        Path folder = Files.createDirectories(classes.resolve("db/broken/sqlite"));
        Files.writeString(folder.resolve("V1__good.sql"), "CREATE TABLE broken_a (id INTEGER);\n");
        Files.writeString(folder.resolve("V2__bad.sql"), "CREATE TABLE broken_b (id INTEGER;\n");
        try (TestDatabase fresh = TestDatabase.sqlite(); URLClassLoader loader = loader(classes)) {
            assertFalse(FirstSqliteMigration.tryApply(fresh.database().dataSource(), loader, List.of("broken"),
                    scripts(loader, List.of("broken"))));
            assertEquals(List.of(), rows(fresh, "SELECT name FROM sqlite_master"), "the first script was rolled back too");
        }
    }

    private static ClassLoader loader() {
        return FirstSqliteMigrationTest.class.getClassLoader();
    }

    private static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }

    private static Map<String, List<MigrationScripts.Script>> scripts(ClassLoader loader, List<String> owners) {
        return MigrationScripts.in(loader, owners.stream().map(owner -> Database.folder(owner, Engine.SQLITE)).toList());
    }

    private static Flyway flyway(TestDatabase test, String location, String owner) {
        return Flyway.configure().dataSource(test.database().dataSource()).locations(location)
                .table(Database.historyTable(owner)).load();
    }

    private static List<String> rows(TestDatabase test, String sql) {
        return test.database().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(String.class).list());
    }

    private static void execute(TestDatabase test, String sql) {
        test.database().jdbi().useHandle(handle -> handle.execute(sql));
    }
}
