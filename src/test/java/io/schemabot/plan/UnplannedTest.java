package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A change of the diff that no step of the plan answers for blocks the plan by name instead of passing silently. */
class UnplannedTest {

    private static final Change CHILD_NOT_NULL =
            new TableChange.ColumnNullabilityChanged("public.c", "x", false, true);

    @Test
    void emptyPlanForAChangeIsBlockedNamingTheChange() {
        List<Step> steps = new ArrayList<>();

        Unplanned.block(steps, List.of(CHILD_NOT_NULL), Set.of());

        assertEquals(1, steps.size());
        Step blocked = steps.get(0);
        assertEquals(List.of("public.c.x"), blocked.objects());
        assertEquals(Hazard.Kind.BLOCKING, blocked.hazards().get(0).kind());
        assertEquals("public.c.x", blocked.hazards().get(0).object());
        assertTrue(blocked.hazards().get(0).reason().contains("column x: NULL -> NOT NULL"),
                blocked.hazards().get(0).reason());
        assertTrue(blocked.sql().lines().allMatch(l -> l.startsWith("--")), "the blocked part runs nothing");
    }

    @Test
    void changeWithoutAStepIsBlockedWhileTheOthersStillRun() {
        Change added = new TableChange.ColumnAdded("public.p", "y", "integer");
        List<Step> steps = new ArrayList<>(List.of(new Step("alter table public.p",
                "ALTER TABLE public.p ADD COLUMN y integer;", List.of("public.p"), List.of())));

        Unplanned.block(steps, List.of(added, CHILD_NOT_NULL), Set.of());

        assertEquals(2, steps.size());
        assertEquals(List.of("public.c.x"), steps.get(1).objects());
    }

    @Test
    void changesAnsweredByObjectOrByTableAddNothing() {
        Change comment = new ObjectChange.CommentChanged("COLUMN", "public.v.a", "public.v", null, "note");
        List<Step> steps = new ArrayList<>(List.of(
                new Step("alter table public.c", "ALTER TABLE public.c ALTER COLUMN x SET NOT NULL;",
                        List.of("public.c.x"), List.of()),
                new Step("create view public.v", "CREATE VIEW public.v AS SELECT 1 AS a;", List.of("public.v"),
                        List.of())));

        Unplanned.block(steps, List.of(CHILD_NOT_NULL, comment), Set.of());

        assertEquals(2, steps.size());
    }
}
