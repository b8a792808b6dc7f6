package io.schemabot.testing;

/** DDL creating at least one object of every kind the snapshot covers, with comments and awkward options. */
public final class EveryKind {
    private EveryKind() {
    }

    public static final String DDL = """
                CREATE EXTENSION citext;
                CREATE SCHEMA app;
                COMMENT ON SCHEMA app IS 'the application';
                CREATE TYPE app.status AS ENUM ('new', 'paid', 'void');
                CREATE DOMAIN app.email AS citext NOT NULL CHECK (VALUE ~ '@');
                CREATE TYPE app.amount AS (value numeric(10,2), currency text COLLATE "C");
                COMMENT ON COLUMN app.amount.currency IS 'ISO 4217';
                CREATE TABLE app.customers (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  email app.email UNIQUE,
                  name text COLLATE "C" NOT NULL DEFAULT 'anon',
                  name_len int GENERATED ALWAYS AS (length(name)) STORED);
                COMMENT ON TABLE app.customers IS 'who pays';
                COMMENT ON COLUMN app.customers.name IS 'display name';
                CREATE SEQUENCE app.invoice_no AS integer START 100 INCREMENT 10 MAXVALUE 100000 CYCLE;
                CREATE TABLE app.orders (
                  id serial PRIMARY KEY,
                  customer_id bigint NOT NULL,
                  status app.status NOT NULL DEFAULT 'new',
                  total numeric(10,2) CHECK (total >= 0),
                  during tsrange,
                  CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES app.customers (id)
                    ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,
                  EXCLUDE USING gist (during WITH &&));
                ALTER TABLE app.orders ADD CONSTRAINT orders_total_cap CHECK (total < 1000000) NOT VALID;
                CREATE INDEX orders_open ON app.orders (customer_id) INCLUDE (total) WHERE status = 'new';
                CREATE INDEX orders_lower ON app.orders USING hash ((customer_id + 1));
                CREATE TABLE app.events (id int, at date NOT NULL) PARTITION BY RANGE (at);
                CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                CREATE UNLOGGED TABLE app.cache (k text PRIMARY KEY, v text);
                CREATE TABLE app.base (id int);
                CREATE TABLE app.child (extra int) INHERITS (app.base);
                CREATE VIEW app.open_orders WITH (security_barrier) AS SELECT id, total FROM app.orders WHERE status = 'new'
                  WITH LOCAL CHECK OPTION;
                ALTER VIEW app.open_orders ALTER COLUMN total SET DEFAULT 0;
                COMMENT ON COLUMN app.open_orders.total IS 'before tax';
                CREATE MATERIALIZED VIEW app.totals WITH (fillfactor = 90) AS
                  SELECT customer_id, sum(total) AS total FROM app.orders GROUP BY 1;
                CREATE UNIQUE INDEX totals_customer ON app.totals (customer_id);
                CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
                CREATE PROCEDURE app.purge(days int) LANGUAGE sql AS $$DELETE FROM app.cache$$;
                CREATE AGGREGATE app.total_of(numeric) (SFUNC = numeric_add, STYPE = numeric, INITCOND = '0');
                CREATE FUNCTION app.note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$;
                CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION app.note_ddl();
                CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
                CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY);
                """;
}
