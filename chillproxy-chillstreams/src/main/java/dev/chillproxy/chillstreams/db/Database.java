package dev.chillproxy.chillstreams.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * An open connection pool plus its Jdbi, for SQLite or PostgreSQL. Thread-safe.
 *
 * <p>Each module owns its tables: {@link #migrate(String)} applies {@code db/<owner>/<engine>/V*.sql}
 * with its own history table, so modules can add migrations without coordinating version numbers.
 */
public final class Database implements AutoCloseable {

    private final Engine engine;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(Engine engine, HikariDataSource dataSource) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // by default Jdbi writes the SQL and every bound value (user ids, emails) into exception messages, which reach logs
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    public static Database open(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setPoolName("chillproxy-db");
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000);
        if (url.engine() == Engine.SQLITE) {
            createPrivateFile(url.sqliteFile());
            // WAL lets readers run beside the single writer; the busy timeout queues writers instead of failing.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("synchronous", "NORMAL");
            // Every transaction takes the write lock when it begins: a deferred one that reads and then writes
            // fails at once with SQLITE_BUSY when another connection wrote meanwhile, whatever the busy timeout.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.setMaximumPoolSize(8);
        } else {
            // the server's "Detail: Key (id)=(…)" line would put row values into exception messages
            config.addDataSourceProperty("logServerErrorDetail", "false");
            config.setUsername(url.user());
            config.setPassword(url.password());
            config.setMaximumPoolSize(16);
        }
        Database database = new Database(url.engine(), new HikariDataSource(config));
        if (url.engine() == Engine.SQLITE) {
            restrictSidecars(url.sqliteFile());
        }
        return database;
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
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + owner + "/" + engine.folder())
                .table("flyway_" + owner + "_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    public Engine engine() {
        return engine;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** True when a connection answers a trivial query within a second; used by readiness checks. */
    public boolean isReachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
