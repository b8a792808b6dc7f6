package io.schemabot.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlTest {
    @Test
    void quotesOnlyWhenNeeded() {
        assertEquals("documents", Sql.ident("documents"));
        assertEquals("\"Documents\"", Sql.ident("Documents"));
        assertEquals("\"order\"", Sql.ident("order"));
        assertEquals("\"my table\"", Sql.ident("my table"));
        assertEquals("\"say \"\"hi\"\"\"", Sql.ident("say \"hi\""));
        assertEquals("\"1st\"", Sql.ident("1st"));
        assertEquals("public.\"User\"", Sql.qualified("public", "User"));
        assertEquals("\"a$b\"", Sql.ident("a$b"), "quote_ident quotes a dollar sign too");
        assertEquals("ops.\"FlywayHistory\"", Sql.dotted("ops.FlywayHistory"));
    }

    @Test
    void literals() {
        assertEquals("'it''s'", Sql.literal("it's"));
        assertEquals("E'a\\\\b'", Sql.literal("a\\b"));
        assertEquals("NULL", Sql.literal(null));
    }

    @Test
    void dollarQuotesWithATagTheBodyDoesNotContain() {
        assertEquals("$schemabot$ BEGIN END $schemabot$", Sql.dollarQuoted("BEGIN END"));
        assertEquals("$schemabot1$ x '$schemabot$' $schemabot1$", Sql.dollarQuoted("x '$schemabot$'"));
    }
}
