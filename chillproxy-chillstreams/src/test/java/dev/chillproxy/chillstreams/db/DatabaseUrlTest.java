package dev.chillproxy.chillstreams.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void postgresUrlBecomesJdbcWithSeparateCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://chill:s3cr%40t@db.example:6543/chillproxy?sslmode=require");
        assertEquals(Engine.POSTGRESQL, url.engine());
        assertEquals("jdbc:postgresql://db.example:6543/chillproxy?sslmode=require", url.jdbcUrl());
        assertEquals("chill", url.user());
        assertEquals("s3cr@t", url.password());
        assertFalse(url.toString().contains("s3cr"), "password must not be printed");
    }

    @Test
    void theQueryWhichMayHoldAPasswordIsNotPrinted() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://chill@db.example/chillproxy?sslmode=require&password=hunter2");
        assertEquals("jdbc:postgresql://db.example:5432/chillproxy?sslmode=require&password=hunter2", url.jdbcUrl());
        assertEquals("jdbc:postgresql://db.example:5432/chillproxy?… (user chill)", url.toString());
        assertEquals("jdbc:sqlite:/var/db.sqlite?…", DatabaseUrl.parse("sqlite:/var/db.sqlite?password=hunter2").toString());
    }

    @Test
    void postgresDefaultsPort() {
        assertEquals("jdbc:postgresql://localhost:5432/db", DatabaseUrl.parse("postgresql://u@localhost/db").jdbcUrl());
    }

    @Test
    void sqliteDefault() {
        DatabaseUrl url = DatabaseUrl.parse(DatabaseUrl.DEFAULT);
        assertEquals(Engine.SQLITE, url.engine());
        assertEquals(Path.of("./data/chillproxy.db"), url.sqliteFile());
    }

    @Test
    void rejectsOtherSchemesWithoutEchoingThem() {
        var error = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://root:hunter2@h/db"));
        assertFalse(error.getMessage().contains("hunter2"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://hostonly"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("sqlite:"));
    }
}
