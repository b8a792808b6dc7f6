package io.schemabot.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.schemabot.plan.DataCheck;
import io.schemabot.plan.Hazard;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;

import java.util.stream.Collectors;

/** Renders a plan for people (steps, hazards, data checks, then the SQL) or for machines (JSON). */
public final class PlanReport {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private PlanReport() {
    }

    public static String text(Plan plan) {
        if (plan.isEmpty()) {
            return plan.notes().isEmpty() ? "Nothing to do: the schemas match.\n"
                    : "Nothing to do: the schemas match but for what is left as is.\n" + leftAsIs(plan);
        }
        StringBuilder out = new StringBuilder();
        out.append("Plan ").append(plan.hash(), 0, 12).append(": ").append(plan.phases())
                .append(", from schema ").append(plan.baseFingerprint(), 0, 12).append('\n');
        if (!plan.hazardKinds().isEmpty()) {
            out.append("Hazards: ").append(plan.hazardKinds().stream().map(Enum::name).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (plan.needsExplicitConsent()) {
            out.append(plan.isBlocked() ? "BLOCKED: part of this change cannot be made safely; see the manual steps.\n"
                    : "DATA LOSS: executing this plan needs explicit consent.\n");
        }
        int n = 0;
        out.append("\nSteps:\n");
        for (Step step : plan.steps()) {
            out.append(String.format("%3d. %s%n", ++n, step.title()));
            for (Hazard h : step.hazards()) {
                out.append("       ").append(h.kind()).append(": ").append(h.reason()).append('\n');
            }
        }
        if (!plan.notes().isEmpty()) {
            out.append('\n').append(leftAsIs(plan));
        }
        if (!plan.checks().isEmpty()) {
            out.append("\nData checks (read-only, on the live database):\n");
            for (DataCheck c : plan.checks()) {
                out.append("  ").append(c.passed() ? "[ok]   " : c.ran() ? "[FAIL] " : "[?]    ")
                        .append(c.description()).append(": ").append(c.outcome()).append('\n');
            }
        }
        out.append("\nSQL:\n").append(plan.sql());
        return out.toString();
    }

    private static String leftAsIs(Plan plan) {
        StringBuilder out = new StringBuilder("Left as is (not planned):\n");
        plan.notes().forEach(n -> out.append("  ").append(io.schemabot.sql.Sql.oneLine(n)).append('\n'));
        return out.toString();
    }

    public static ObjectNode json(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("hash", plan.hash());
        root.put("baseFingerprint", plan.baseFingerprint());
        root.put("targetFingerprint", plan.targetFingerprint());
        root.put("empty", plan.isEmpty());
        root.put("dataLoss", plan.hasDataLoss());
        root.put("blocked", plan.isBlocked());
        root.put("needsExplicitConsent", plan.needsExplicitConsent());
        ArrayNode steps = root.putArray("steps");
        for (Step s : plan.steps()) {
            ObjectNode step = steps.addObject().put("title", s.title()).put("sql", s.sql());
            step.set("objects", MAPPER.valueToTree(s.objects()));
            step.set("hazards", MAPPER.valueToTree(s.hazards()));
            step.put("phase", s.phase().name());
        }
        ArrayNode hazards = root.putArray("hazards");
        plan.hazards().forEach(h -> hazards.add(MAPPER.valueToTree(h)));
        ArrayNode checks = root.putArray("checks");
        for (DataCheck c : plan.checks()) {
            ObjectNode node = MAPPER.valueToTree(c);
            node.put("passed", c.passed());
            node.put("outcome", c.outcome());
            checks.add(node);
        }
        root.set("notes", MAPPER.valueToTree(plan.notes()));
        root.put("sql", plan.sql());
        return root;
    }
}
