package io.schemabot.plan;

import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A parent losing a column its child keeps: the child's values stay, now in a column of its own. */
class InheritedColumnTest {

    @Test
    void aColumnTheParentDropsAndTheChildKeepsKeepsItsValues() {
        Plan plan = oneWay("", "CREATE TABLE par (id int, v int); CREATE TABLE ch (extra text) INHERITS (par);"
                        + " INSERT INTO ch VALUES (2, 20, 'e'); INSERT INTO par VALUES (1, 10);",
                "CREATE TABLE par (id int); CREATE TABLE ch (v int, extra text) INHERITS (par);",
                (db, p) -> assertEquals(20L, db.queryLong("SELECT v FROM ONLY ch WHERE id = 2")));
        assertEquals(1, plan.hazards().stream().filter(h -> h.kind() == Hazard.Kind.DATA_LOSS).count(), plan.sql());
    }
}
