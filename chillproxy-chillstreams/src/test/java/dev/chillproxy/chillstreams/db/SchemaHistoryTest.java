package dev.chillproxy.chillstreams.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A restart skips Flyway only when Flyway itself would find nothing to do. */
class SchemaHistoryTest {

    private static final List<String> OWNERS = List.of("probe", "outbox", "cluster", "pool", "signals");

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyOwnerFlywayMigratedReadsAsCurrentWithFlywaysOwnChecksums(Engine engine) {
        try (TestDatabase test = TestDatabase.create(engine)) {
            Map<String, List<MigrationScripts.Script>> scripts = scripts(engine);
            OWNERS.forEach(owner -> assertFalse(current(test, owner, scripts), owner + " before any migration"));
            execute(test, "CREATE TABLE not_empty (x INTEGER)"); // else a new SQLite database skips Flyway

            test.database().migrate(OWNERS);

            for (String owner : OWNERS) {
                assertFalse(scripts.get(folder(owner, engine)).isEmpty(), owner);
                assertTrue(current(test, owner, scripts), owner + " after Flyway applied it");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anEditedMissingOrFailedScriptSendsTheStartToFlyway(Engine engine) {
        try (TestDatabase test = TestDatabase.create(engine)) {
            Map<String, List<MigrationScripts.Script>> scripts = scripts(engine);
            test.database().migrate("outbox");
            assertTrue(current(test, "outbox", scripts));

            execute(test, "UPDATE flyway_outbox_history SET checksum = checksum + 1 WHERE version = '2'");
            assertFalse(current(test, "outbox", scripts), "a script edited after it was applied");
            execute(test, "UPDATE flyway_outbox_history SET checksum = checksum - 1 WHERE version = '2'");
            assertTrue(current(test, "outbox", scripts));

            execute(test, "UPDATE flyway_outbox_history SET success = " + (engine == Engine.SQLITE ? "0" : "false")
                    + " WHERE version = '3'");
            assertFalse(current(test, "outbox", scripts), "a failed script");
            execute(test, "DELETE FROM flyway_outbox_history WHERE version = '3'");
            assertFalse(current(test, "outbox", scripts), "a script not applied yet");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNewerReleasesScriptIsIgnoredLikeFlywayDoesAndAnUnknownOlderOneIsNot(Engine engine) {
        try (TestDatabase test = TestDatabase.create(engine)) {
            Map<String, List<MigrationScripts.Script>> scripts = scripts(engine);
            test.database().migrate("outbox");
            String row = "INSERT INTO flyway_outbox_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) VALUES (%d, '%s', 'x', 'SQL', 'V%s__x.sql', 1,"
                    + " 'test', CURRENT_TIMESTAMP, 1, " + (engine == Engine.SQLITE ? "1" : "true") + ")";

            execute(test, row.formatted(90, "99", "99"));
            assertTrue(current(test, "outbox", scripts), "a newer release migrated this database");
            execute(test, row.formatted(91, "2.5", "2_5"));
            assertFalse(current(test, "outbox", scripts), "an applied script this build does not have");
        }
    }

    @Test
    void versionsAreComparedAsFlywayWritesThem() {
        assertEquals("1.2", MigrationScripts.version("01_2"));
        assertTrue(SchemaHistory.compare("10", "9") > 0);
        assertEquals(0, SchemaHistory.compare("2", "2.0"));
    }

    private static boolean current(TestDatabase test, String owner, Map<String, List<MigrationScripts.Script>> scripts) {
        return SchemaHistory.isCurrent(test.database().dataSource(), "flyway_" + owner + "_history",
                scripts.getOrDefault(folder(owner, test.database().engine()), List.of()));
    }

    private static Map<String, List<MigrationScripts.Script>> scripts(Engine engine) {
        return MigrationScripts.in(SchemaHistoryTest.class.getClassLoader(),
                OWNERS.stream().map(owner -> folder(owner, engine)).toList());
    }

    private static String folder(String owner, Engine engine) {
        return "db/" + owner + "/" + engine.folder();
    }

    private static void execute(TestDatabase test, String sql) {
        test.database().jdbi().useHandle(handle -> handle.execute(sql));
    }
}
