package dev.chillproxy.chillstreams.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A throw-away database for one test class: a temp SQLite file, or an own schema in PostgreSQL's
 * {@code test} database on 127.0.0.1:5432 (override with {@code TEST_POSTGRES_URL}). {@link #close()}
 * drops the schema or deletes the file.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String POSTGRES_BASE =
            System.getenv().getOrDefault("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String POSTGRES_USER = "postgres";

    private final Database database;
    private final DatabaseUrl url;
    private final Path folder;
    private final String schema;

    private TestDatabase(Database database, DatabaseUrl url, Path folder, String schema) {
        this.database = database;
        this.url = url;
        this.folder = folder;
        this.schema = schema;
    }

    public static TestDatabase create(Engine engine) {
        return engine == Engine.SQLITE ? sqlite() : postgres();
    }

    public static TestDatabase sqlite() {
        try {
            Path folder = Files.createTempDirectory("chillproxy-test-db");
            DatabaseUrl url = DatabaseUrl.parse("sqlite:" + folder.resolve("test.db"));
            return new TestDatabase(Database.open(url), url, folder, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestDatabase postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        String jdbc = POSTGRES_BASE + (POSTGRES_BASE.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        DatabaseUrl url = new DatabaseUrl(Engine.POSTGRESQL, jdbc, POSTGRES_USER, null);
        return new TestDatabase(Database.open(url), url, null, schema);
    }

    private static void execute(String sql) {
        try (var connection = DriverManager.getConnection(POSTGRES_BASE, POSTGRES_USER, null);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + POSTGRES_BASE, e);
        }
    }

    public Database database() {
        return database;
    }

    /** The URL the database was opened with, to open a second pool on the same data (another "instance"). */
    public DatabaseUrl url() {
        return url;
    }

    /** A {@code DATABASE_URL} value for this database (SQLite only; PostgreSQL tests use {@link #url()}). */
    public String sqliteDatabaseUrl() {
        return "sqlite:" + url.sqliteFile();
    }

    @Override
    public void close() {
        database.close();
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
        if (folder != null) {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
