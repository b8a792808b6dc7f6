package io.schemabot.testing;

/** The incident's schemas: production with uuid keys, and what the migrations expect (varchar(36) keys). */
public final class Incident {
    private Incident() {
    }

    public static final String PRODUCTION = """
            CREATE TABLE documents (id uuid PRIMARY KEY, title text NOT NULL,
              parent_document_id uuid CONSTRAINT documents_parent_document_id_fkey REFERENCES documents (id) ON DELETE SET NULL);
            CREATE TABLE document_questions (id bigserial PRIMARY KEY,
              document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE, question text NOT NULL);
            """;

    public static final String EXPECTED = """
            CREATE TABLE documents (id varchar(36) PRIMARY KEY, title text NOT NULL,
              parent_document_id varchar(36) CONSTRAINT documents_parent_document_id_fkey REFERENCES documents (id) ON DELETE SET NULL);
            CREATE TABLE document_questions (id bigserial PRIMARY KEY,
              document_id varchar(36) NOT NULL REFERENCES documents (id) ON DELETE CASCADE, question text NOT NULL);
            CREATE TABLE admin_activities (id bigserial PRIMARY KEY, actor text NOT NULL, at timestamptz DEFAULT now());
            """;

    /** Documents (every tenth with a parent) and two questions per document. */
    public static String rows(int documents) {
        return rows(documents, documents * 2);
    }

    /** Documents (every tenth with a parent) and questions spread over them. */
    public static String rows(int documents, int questions) {
        return """
                INSERT INTO documents (id, title, parent_document_id)
                  SELECT md5(i::text)::uuid, 'doc ' || i, CASE WHEN i %% 10 = 0 THEN md5((i - 1)::text)::uuid END
                  FROM generate_series(1, %1$d) i;
                INSERT INTO document_questions (document_id, question)
                  SELECT md5((i %% %1$d + 1)::text)::uuid, 'q ' || i FROM generate_series(1, %2$d) i;
                ANALYZE documents; ANALYZE document_questions;
                """.formatted(documents, questions);
    }
}
