package io.schemabot.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.schemabot.approval.HotfixRequest;
import io.schemabot.approval.RequestEvent;
import io.schemabot.plan.DataCheck;
import io.schemabot.plan.Hazard;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanJson;
import io.schemabot.plan.Step;

import java.util.List;

/**
 * The post-incident report of a hotfix request, in Markdown, written from the store alone (the request with its
 * plan, and its events): what was wrong, the plan with its hazards and data checks, who proposed and approved it
 * when, how the execution went, its proof, and what to do next. The same text serves chat and the command line.
 */
public final class IncidentReport {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = JsonMapper.builder().build();

    private IncidentReport() {
    }

    /** The report of request {@code id} in {@code requests}; {@code whereToLook} ends the error when there is none. */
    static String of(io.schemabot.approval.HotfixRequests requests, String id, String whereToLook) {
        HotfixRequest request = requests.find(id).orElseThrow(() -> new io.schemabot.UserError("no hotfix request '"
                + id + "'; " + whereToLook));
        return markdown(request, requests.events(id));
    }

    public static String markdown(HotfixRequest request, List<RequestEvent> events) {
        Plan plan = PlanJson.read(request.planJson());
        StringBuilder md = new StringBuilder("# Hotfix request ").append(request.id()).append(": ")
                .append(request.target()).append("\n\n");
        md.append("State: **").append(request.state().name()).append("**. Plan `").append(request.planHash(), 0, 12)
                .append("`, made from production's schema `").append(request.baseFingerprint(), 0, 12).append("`.\n\n");
        md.append("## What was wrong\n\nProduction's schema differed from what its migrations say; the plan's steps"
                + " name each difference:\n\n");
        int n = 0;
        for (Step step : plan.steps()) {
            md.append(++n).append(". ").append(step.title()).append('\n');
            for (Hazard h : step.hazards()) {
                md.append("   - ").append(h.kind()).append(": ").append(h.reason()).append('\n');
            }
        }
        if (!plan.checks().isEmpty()) {
            md.append("\n## Data checks (read-only, before anyone approved)\n\n");
            for (DataCheck c : plan.checks()) {
                md.append("- ").append(c.description()).append(": ").append(c.outcome()).append('\n');
            }
        }
        md.append("\n## The SQL\n\n```sql\n").append(plan.sql()).append("```\n\n## Timeline\n\n");
        JsonNode outcome = null;
        for (RequestEvent e : events) {
            md.append("- ").append(e.at()).append(' ').append(e.kind().label()).append(e.userId() == null ? ""
                    : " by " + e.userId());
            JsonNode detail = detail(e);
            if (detail.has("reason")) {
                md.append(": ").append(plain(detail.get("reason").asText()));
            } else if (detail.has("message")) {
                md.append(": ").append(plain(detail.get("message").asText()));
            }
            md.append('\n');
            if (e.kind() == RequestEvent.Kind.SUCCEEDED || e.kind() == RequestEvent.Kind.FAILED) {
                outcome = detail;
            }
        }
        if (outcome != null) {
            execution(md, outcome);
        }
        md.append("\n## Next\n\n").append(request.state().name().equals("SUCCEEDED")
                ? "The drift is gone: run `preflight " + request.target() + "`; when the pending migrations apply, deploy.\n"
                : "Nothing was changed by this request unless its timeline says otherwise; see `diff "
                + request.target() + "` and propose again when ready.\n");
        return md.toString();
    }

    private static void execution(StringBuilder md, JsonNode outcome) {
        md.append("\n## Execution\n\n").append("- attempts: ").append(outcome.path("attempts").asInt()).append('\n');
        outcome.path("lockWaits").forEach(w -> md.append("- attempt ").append(w.path("attempt").asInt())
                .append(" waited for locks held by ").append(w.path("blockers").asText()).append('\n'));
        if (outcome.has("failedStep")) {
            JsonNode f = outcome.get("failedStep");
            md.append("- failed at step ").append(f.path("number").asInt()).append(" (").append(f.path("title").asText())
                    .append("), SQLSTATE ").append(f.path("sqlState").asText()).append('\n');
        }
        JsonNode proof = outcome.path("proof");
        if (!proof.isMissingNode()) {
            md.append("\n## Proof\n\n| table | rows before | rows after |\n|---|---:|---:|\n");
            proof.path("tables").forEach(t -> md.append("| ").append(t.path("table").asText()).append(" | ")
                    .append(t.path("before").asText()).append(" | ").append(t.path("after").asText()).append(" |\n"));
            md.append('\n');
            proof.path("columns").forEach(c -> md.append("- ").append(c.path("column").asText()).append(": checksums ")
                    .append(c.path("checksumsEqual").asBoolean() ? "equal" : "DIFFER").append('\n'));
            proof.path("validations").forEach(v -> md.append("- after COMMIT, ").append(v.path("step").asText())
                    .append(v.path("failure").isTextual() ? ": FAILED: " + plain(v.path("failure").asText())
                            : ": done " + v.path("finishedAfterMs").asLong() + " ms into the run (took "
                            + v.path("tookMs").asLong() + " ms)").append('\n'));
            md.append("- exclusive locks held ").append(proof.path("exclusiveLocksHeldMs").asLong()).append(" ms; total ")
                    .append(proof.path("totalMs").asLong()).append(" ms, of which the proof ")
                    .append(proof.path("provingMs").asLong()).append(" ms\n- drift after: ").append(proof.path("drift").asText())
                    .append('\n');
        }
    }

    /**
     * Text people typed (a rejection's reason) or databases said, as plain words in Markdown: one line, without the
     * characters that would open a link, an image, code, emphasis or a table cell.
     */
    private static String plain(String text) {
        return io.schemabot.sql.Sql.oneLine(text).replaceAll("[\\[\\]()!`*_|<>#~]", " ");
    }

    private static JsonNode detail(RequestEvent e) {
        try {
            return e.detail() == null ? JSON.createObjectNode()
                    : JSON.readTree(e.detail());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return JSON.createObjectNode().put("message", e.detail());
        }
    }
}
