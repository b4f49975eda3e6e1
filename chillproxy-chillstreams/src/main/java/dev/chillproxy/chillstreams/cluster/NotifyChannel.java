package dev.chillproxy.chillstreams.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.secret.Fingerprint;

/**
 * The PostgreSQL notification channel of one database schema: instances on the same tables share it, a test's own
 * schema (or another deployment's) has another. Publishing borrows a pooled connection for one statement; listening
 * needs a connection of its own ({@link #openListenConnection}), outside the pool's rotation. Thread-safe.
 */
public final class NotifyChannel {

    private final Database database;
    private final String name;

    private NotifyChannel(Database database, String name) {
        this.database = database;
        this.name = name;
    }

    /** The channel of the database's current schema; PostgreSQL only. */
    public static NotifyChannel of(Database database) {
        Objects.requireNonNull(database, "database");
        if (database.engine() != Engine.POSTGRESQL) {
            throw new IllegalArgumentException("notifications need PostgreSQL");
        }
        String schema = database.jdbi().withHandle(handle ->
                handle.createQuery("SELECT current_schema()").mapTo(String.class).one());
        // a plain identifier whatever the schema is called, and at most 63 characters
        return new NotifyChannel(database, "chillproxy_evict_" + Fingerprint.of(schema).substring(0, 16));
    }

    public String name() {
        return name;
    }

    /** Sent when the statement commits (at once: autocommit); every listener of the channel receives it. */
    void publish(Eviction eviction) {
        database.jdbi().useHandle(handle -> handle.createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", name).bind("payload", eviction.encode()).mapTo(String.class).findOne());
    }

    /**
     * A fresh connection with the pool's URL and credentials, named after the channel (an operator sees it in
     * {@code pg_stat_activity}); its reads time out so a silently dropped network is noticed.
     */
    Connection openListenConnection() throws SQLException {
        HikariDataSource pool = database.dataSource();
        Properties properties = new Properties();
        pool.getDataSourceProperties().forEach(properties::put);
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", name);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }
}
