-- A little data, so that a repair has rows to keep.
INSERT INTO documents (id, title, parent_document_id, created_at)
SELECT md5(i::text)::uuid, 'Document ' || i,
       CASE WHEN i % 10 = 0 THEN md5((i - 1)::text)::uuid END, now() - i * interval '1 hour'
FROM generate_series(1, 500) i;
INSERT INTO document_questions (document_id, question)
SELECT md5((i % 500 + 1)::text)::uuid, 'Question ' || i FROM generate_series(1, 1000) i;
ANALYZE documents;
ANALYZE document_questions;
