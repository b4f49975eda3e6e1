package dev.chillproxy.chillstreams.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;

/** SQLite: statements are prepared once per connection, reads see every commit, and writes queue without failing. */
class SqliteStatementsTest {

    private static final String COUNT = "SELECT count(*) FROM probe WHERE name = :name";

    /** The JDBC statement each use of {@code jdbi} ran on, in order. */
    private static List<Statement> recordStatements(Jdbi jdbi) {
        List<Statement> used = new ArrayList<>();
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(java.sql.PreparedStatement statement, StatementContext context) {
                used.add(statement);
            }
        });
        return used;
    }

    private static int count(Jdbi jdbi, String name) {
        return jdbi.withHandle(h -> h.createQuery(COUNT).bind("name", name).mapTo(Integer.class).one());
    }

    @Test
    void aStatementIsPreparedOnceAndEveryReadSeesTheLatestCommit() {
        try (TestDatabase test = TestDatabase.sqlite()) {
            Database database = test.database();
            database.migrate("probe");
            List<Statement> used = recordStatements(database.jdbi());

            for (int i = 0; i < 5; i++) {
                database.jdbi().useHandle(h -> h.execute("INSERT INTO probe (name) VALUES ('x')"));
                assertEquals(i + 1, count(database.jdbi(), "x"));
                assertEquals(i + 1, count(database.reads(), "x"), "a reader never keeps an old snapshot");
            }

            assertSame(used.get(1), used.get(9), "the count ran on one prepared statement every time");
            assertSame(used.get(0), used.get(8), "so did the insert");
        }
    }

    @Test
    void theSameQueryInsideItselfGetsASecondStatement() {
        try (TestDatabase test = TestDatabase.sqlite()) {
            Database database = test.database();
            database.migrate("probe");
            database.jdbi().useHandle(h -> h.execute("INSERT INTO probe (name) VALUES ('a'), ('b')"));
            List<Statement> used = recordStatements(database.jdbi());
            String names = "SELECT name FROM probe ORDER BY name";

            List<String> pairs = database.jdbi().withHandle(h -> h.createQuery(names).mapTo(String.class).stream()
                    .flatMap(outer -> h.createQuery(names).mapTo(String.class).list().stream().map(inner -> outer + inner))
                    .toList());

            assertEquals(List.of("aa", "ab", "ba", "bb"), pairs);
            assertNotSame(used.get(0), used.get(1));
        }
    }

    @Test
    void readsCannotWrite() {
        try (TestDatabase test = TestDatabase.sqlite()) {
            test.database().migrate("probe");
            assertThrows(RuntimeException.class,
                    () -> test.database().reads().useHandle(h -> h.execute("INSERT INTO probe (name) VALUES ('x')")));
        }
    }

    @Test
    void concurrentWritersAllCommitThroughTheOneWriteConnection() throws Exception {
        try (TestDatabase test = TestDatabase.sqlite()) {
            Database database = test.database();
            database.migrate("probe");
            ExecutorService executor = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    done.add(executor.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            database.jdbi().useTransaction(h -> h.execute("INSERT INTO probe (name) VALUES ('c')"));
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
            }
            assertEquals(16 * 50, count(database.reads(), "c"));
        }
    }
}
