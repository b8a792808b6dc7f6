package io.schemabot.migrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlStatementsTest {
    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE t (a text DEFAULT 'x;y');
                /* block; comment */
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;
                INSERT INTO "we;ird" VALUES ('it''s; fine')
                """;
        List<SqlStatements.Statement> statements = SqlStatements.split(script);
        assertEquals(3, statements.size());
        assertEquals("CREATE TABLE t (a text DEFAULT 'x;y')", statements.get(0).sql());
        assertEquals(2, statements.get(0).line());
        assertEquals(4, statements.get(1).line());
        assertEquals("INSERT INTO \"we;ird\" VALUES ('it''s; fine')", statements.get(2).sql());
        assertEquals(5, statements.get(2).line());
    }
}
