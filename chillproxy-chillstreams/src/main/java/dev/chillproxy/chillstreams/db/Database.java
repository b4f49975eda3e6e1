package dev.chillproxy.chillstreams.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.sqlite.SQLiteJDBCLoader;

/**
 * An open connection pool plus its Jdbi, for SQLite or PostgreSQL. Thread-safe.
 *
 * <p>SQLite has one writer at a time. Its busy handler makes a waiting connection sleep and poll (1, 2, 5 … 100 ms
 * steps), so on SQLite {@link #jdbi()} has a single connection: this process's writers queue for it in the pool and
 * are handed it the moment it is free, and every statement prepared on it is kept ({@link SqliteStatements}).
 * Read-only work that should not queue behind writes uses {@link #reads()}: a few read-only connections that, in WAL
 * mode, never wait for the writer. The busy timeout stays for another process on the same file. PostgreSQL has one
 * pool for both; pgjdbc keeps its own per-connection statement cache (server-side prepared after 5 uses).
 *
 * <p>Each module owns its tables: {@link #migrate(String)} applies {@code db/<owner>/<engine>/V*.sql}
 * with its own history table, so modules can add migrations without coordinating version numbers.
 */
public final class Database implements AutoCloseable {

    /** SQLite connections for {@link #reads()}: reads on two cores gain little from more. */
    static final int SQLITE_READERS = 4;

    private final Engine engine;
    private final HikariDataSource dataSource;
    private final HikariDataSource readSource;
    private final Jdbi jdbi;
    private final Jdbi reads;

    private Database(Engine engine, HikariDataSource dataSource, HikariDataSource readSource) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.readSource = readSource;
        this.jdbi = jdbi(dataSource, engine);
        this.reads = readSource == dataSource ? jdbi : jdbi(readSource, engine);
    }

    private static Jdbi jdbi(HikariDataSource source, Engine engine) {
        Jdbi jdbi = Jdbi.create(source);
        // by default Jdbi writes the SQL and every bound value (user ids, emails) into exception messages, which reach logs
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        if (engine == Engine.SQLITE) {
            jdbi.setStatementBuilderFactory(new SqliteStatements());
        }
        return jdbi;
    }

    public static Database open(DatabaseUrl url) {
        if (url.engine() == Engine.POSTGRESQL) {
            HikariConfig config = common(url, "chillproxy-db");
            // the server's "Detail: Key (id)=(…)" line would put row values into exception messages
            config.addDataSourceProperty("logServerErrorDetail", "false");
            config.setUsername(url.user());
            config.setPassword(url.password());
            config.setMaximumPoolSize(16);
            HikariDataSource pool = new HikariDataSource(config);
            return new Database(url.engine(), pool, pool);
        }
        createPrivateFile(url.sqliteFile());
        HikariConfig writer = sqlite(url, "chillproxy-db");
        // Every transaction takes the write lock when it begins: a deferred one that reads and then writes
        // fails at once with SQLITE_BUSY when another process wrote meanwhile, whatever the busy timeout.
        writer.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        writer.setMaximumPoolSize(1); // the one writer (see the class comment)
        HikariDataSource writes = new HikariDataSource(writer);
        HikariConfig reader = sqlite(url, "chillproxy-db-reads");
        reader.setConnectionInitSql("PRAGMA query_only = true"); // a write here would sleep in the busy handler again
        reader.setMaximumPoolSize(SQLITE_READERS);
        reader.setMinimumIdle(1);
        Database database = new Database(url.engine(), writes, new HikariDataSource(reader));
        restrictSidecars(url.sqliteFile());
        return database;
    }

    /**
     * Loads SQLite's native library (the driver copies it out of the jar and compares the copy) ahead of the first
     * connection, which then finds it loaded; start-up calls it on a spare thread while the settings are read.
     * A failure is left for the first connection to report.
     */
    public static void loadSqliteLibrary() {
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            // the first connection tries again and says what is wrong
        }
    }

    private static HikariConfig common(DatabaseUrl url, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setPoolName(name);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000);
        return config;
    }

    private static HikariConfig sqlite(DatabaseUrl url, String name) {
        HikariConfig config = common(url, name);
        // WAL lets readers run beside the single writer; the busy timeout queues another process's writers.
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.setMaxLifetime(0); // a local file needs no recycling; the kept statements live as long as the connection
        return config;
    }

    /** The folder (0700 when created here) and the file (0600) exist before SQLite opens it, with no window. */
    private static void createPrivateFile(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                PrivateFiles.createFolders(parent);
            }
            PrivateFiles.createFile(file); // SQLite takes an empty file for a new database
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database file " + file, e);
        }
    }

    /** SQLite gives {@code -wal} and {@code -shm} the database file's mode; files left by an older version are fixed. */
    private static void restrictSidecars(Path file) {
        PrivateFiles.restrict(file, Path.of(file + "-wal"), Path.of(file + "-shm"), Path.of(file + "-journal"));
    }

    /** Applies the owner's pending migrations for this engine; safe to call at every start. */
    public void migrate(String owner) {
        migrate(List.of(owner));
    }

    /**
     * Applies each owner's pending migrations, in order; safe to call at every start. An owner whose history already
     * holds every script on the class path, with the same checksum, is left alone without loading Flyway
     * ({@link SchemaHistory}): a restart on a current schema costs a query per owner. A new SQLite database gets every
     * owner's scripts without Flyway too ({@link FirstSqliteMigration}).
     */
    public void migrate(List<String> owners) {
        ClassLoader loader = Database.class.getClassLoader();
        Map<String, List<MigrationScripts.Script>> scripts = MigrationScripts.in(loader,
                owners.stream().map(this::folder).toList());
        if (engine == Engine.SQLITE && FirstSqliteMigration.tryApply(dataSource, loader, owners, scripts)) {
            return;
        }
        for (String owner : owners) {
            List<MigrationScripts.Script> found = scripts.getOrDefault(folder(owner), List.of());
            if (!SchemaHistory.isCurrent(dataSource, historyTable(owner), found)) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:" + folder(owner))
                        .table(historyTable(owner))
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
            }
        }
    }

    private String folder(String owner) {
        return folder(owner, engine);
    }

    static String folder(String owner, Engine engine) {
        return "db/" + owner + "/" + engine.folder();
    }

    static String historyTable(String owner) {
        return "flyway_" + owner + "_history";
    }

    public Engine engine() {
        return engine;
    }

    /** Writes and ordinary reads; on SQLite a single connection that this process's writers queue for. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Read-only work that should not wait for writes (a known device's get-key, admin reports): on SQLite read-only
     * connections beside the writer, on PostgreSQL the same pool as {@link #jdbi()}. Sees committed data only.
     */
    public Jdbi reads() {
        return reads;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** True when a connection answers a trivial query within a second; used by readiness checks. */
    public boolean isReachable() {
        try (var connection = readSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (readSource != dataSource) {
            readSource.close();
        }
        dataSource.close();
    }
}
