package io.schemabot.db;

import io.schemabot.secret.Redactor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseUrlTest {
    @Test
    void herokuStyleUrlWithEncodedPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p%40ss%3Aword@db.example.com:6543/shop?sslmode=require");
        assertEquals("db.example.com", url.host());
        assertEquals(6543, url.port());
        assertEquals("shop", url.database());
        assertEquals("app", url.user());
        assertEquals("p@ss:word", url.password());
        assertEquals("jdbc:postgresql://db.example.com:6543/shop", url.jdbcUrl());
        assertEquals("require", url.properties().getProperty("sslmode"));
    }

    @Test
    void jdbcUrlWithCredentialsInParameters() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/app?user=me&password=pw");
        assertEquals(5432, url.port());
        assertEquals("me", url.user());
        assertEquals("pw", url.password());
        assertFalse(url.properties().getProperty("password").isEmpty());
    }

    @Test
    void redactionHidesPasswordsInBothForms() {
        assertEquals("postgres://app:***@h:5432/db", Redactor.urls("postgres://app:secret@h:5432/db"));
        assertEquals("jdbc:postgresql://h/db?user=a&password=***",
                Redactor.urls("jdbc:postgresql://h/db?user=a&password=secret"));
        assertFalse(DatabaseUrl.parse("postgres://a:secret@h/db").toString().contains("secret"));
    }

    @Test
    void rawSpecialCharactersInAPasswordSurviveAndAreRedacted() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p#ss/w@rd?x@db.internal:5432/prod?sslmode=require");
        assertEquals("p#ss/w@rd?x", url.password());
        assertEquals("db.internal", url.host());
        assertEquals("prod", url.database());
        assertEquals("require", url.properties().getProperty("sslmode"));
        assertEquals("postgres://app:***@db.internal:5432/prod?sslmode=require",
                Redactor.urls("postgres://app:p#ss/w@rd?x@db.internal:5432/prod?sslmode=require"));
    }

    @Test
    void redactionCatchesUrlsWithoutASchemeAndOnEveryLine() {
        assertEquals("not a PostgreSQL URL: app:***@db:5432/prod", Redactor.urls("not a PostgreSQL URL: app:s3cret@db:5432/prod"));
        assertEquals("postgres://u:***@h/db\nmail x@y", Redactor.urls("postgres://u:pw@h/db\nmail x@y"));
        assertFalse(Redactor.urls("'postgres://u:p@ss@h/db' failed").contains("p@ss"));
    }

    @Test
    void rejectsWhatIsNotAPostgresUrl() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://h/db"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://h"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgres://a:b@h:notaport/db"));
    }
}
