package io.schemabot.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan as it is kept between its approval and its execution, possibly on another replica: every field, so that
 * the plan read back has the same SQL and the same hash as the one approved. {@link #read} refuses a document whose
 * plan does not hash to the hash it was stored with.
 */
public final class PlanJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private PlanJson() {
    }

    public static String write(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("hash", plan.hash());
        root.put("baseFingerprint", plan.baseFingerprint());
        root.put("targetFingerprint", plan.targetFingerprint());
        PlanOptions o = plan.options();
        root.putObject("options").put("lockTimeoutMs", o.lockTimeout().toMillis())
                .put("statementTimeoutMs", o.statementTimeout().toMillis())
                .put("maintenanceWorkMem", o.maintenanceWorkMem()).put("workMem", o.workMem()).put("timeZone", o.timeZone());
        ArrayNode steps = root.putArray("steps");
        for (Step s : plan.steps()) {
            ObjectNode step = steps.addObject().put("title", s.title()).put("sql", s.sql());
            step.set("objects", MAPPER.valueToTree(s.objects()));
            step.set("hazards", MAPPER.valueToTree(s.hazards()));
            step.set("conversions", MAPPER.valueToTree(s.conversions()));
            step.put("phase", s.phase().name());
        }
        root.set("checks", MAPPER.valueToTree(plan.checks()));
        if (!plan.notes().isEmpty()) {
            // they are comments of the script, so part of its hash; left out when none, as older plans were stored
            root.set("notes", MAPPER.valueToTree(plan.notes()));
        }
        return root.toString();
    }

    /** @throws IllegalArgumentException when the text is not a stored plan, or its plan does not hash as stored */
    public static Plan read(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            JsonNode o = root.required("options");
            PlanOptions options = new PlanOptions(Duration.ofMillis(o.required("lockTimeoutMs").asLong()),
                    Duration.ofMillis(o.required("statementTimeoutMs").asLong()), o.required("maintenanceWorkMem").asText(),
                    o.required("workMem").asText(), o.required("timeZone").asText());
            List<Step> steps = new ArrayList<>();
            for (JsonNode s : root.required("steps")) {
                steps.add(new Step(s.required("title").asText(), s.required("sql").asText(),
                        List.of(MAPPER.treeToValue(s.required("objects"), String[].class)),
                        List.of(MAPPER.treeToValue(s.required("hazards"), Hazard[].class)),
                        List.of(MAPPER.treeToValue(s.required("conversions"), Step.Conversion[].class)),
                        Step.Phase.valueOf(s.path("phase").asText(Step.Phase.IN_TRANSACTION.name()))));
            }
            List<DataCheck> checks = List.of(MAPPER.treeToValue(root.required("checks"), DataCheck[].class));
            List<String> notes = root.has("notes") ? List.of(MAPPER.treeToValue(root.get("notes"), String[].class))
                    : List.of();
            Plan plan = new Plan(steps, checks, root.required("baseFingerprint").asText(),
                    root.required("targetFingerprint").asText(), options, notes);
            if (!plan.hash().equals(root.required("hash").asText())) {
                throw new IllegalArgumentException("the stored plan does not hash to " + root.get("hash").asText()
                        + ": it was changed after it was made");
            }
            return plan;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored plan: " + e.getOriginalMessage(), e);
        }
    }
}
