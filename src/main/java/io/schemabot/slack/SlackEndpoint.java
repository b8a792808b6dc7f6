package io.schemabot.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POST /slack/events: Bolt has no Javalin adapter, so this builds Bolt's request from Javalin's cached body and
 * runs the app. Nothing of a body is parsed until its Slack signature is verified here: cheap checks first turn
 * away what Slack never sends (a body larger than Slack's or not a form, a missing signature or timestamp, a
 * timestamp more than five minutes off either way), then the signature itself. Nothing is executed for any of
 * them, and {@link RejectedRequests} answers them without logging their bodies.
 */
public final class SlackEndpoint {
    static final int MAX_BODY = 64 * 1024;
    private static final long WINDOW_SECONDS = 5 * 60;
    private static final Refusal NOT_HANDLED = new Refusal(400, "not a Slack request schemabot handles");

    private final App app;
    private final SlackRequestParser parser;
    private final Clock clock;
    private final Timer ackTimer;
    private final SlackSignature.Verifier verifier;
    private final RejectedRequests rejected = new RejectedRequests();

    public SlackEndpoint(App app, Clock clock, MeterRegistry metrics) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.clock = clock;
        this.verifier = new SlackSignature.Verifier(new SlackSignature.Generator(app.config().getSigningSecret()));
        this.ackTimer = Timer.builder("schemabot.slack.ack").publishPercentiles(0.5, 0.99).register(metrics);
    }

    public void handle(Context ctx) throws Exception {
        long t0 = System.nanoTime();
        try {
            respond(ctx);
        } finally {
            ackTimer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void respond(Context ctx) throws Exception {
        byte[] bytes = ctx.bodyAsBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        Refusal refusal = refusal(ctx, body, bytes.length);
        Request<?> request = refusal == null ? parse(ctx, body) : null;
        if (request == null) {
            Refusal why = refusal == null ? NOT_HANDLED : refusal;
            rejected.refuse(ctx, why.status(), why.reason(), bytes.length);
            return;
        }
        Response response = app.run(request);
        ctx.status(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, values) -> values.forEach(v -> ctx.header(k, v)));
        }
        if (response.getContentType() != null) {
            ctx.contentType(response.getContentType());
        }
        ctx.result(response.getBody() == null ? "" : response.getBody());
    }

    /**
     * Why Slack cannot have sent this request, or null when it carries Slack's signature: decided before anything
     * parses the body, since Bolt's parser logs a body it does not recognise.
     */
    private Refusal refusal(Context ctx, String body, int size) {
        if (size > MAX_BODY) {
            return new Refusal(400, "request body too large");
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            return new Refusal(400, "expected a form body (application/x-www-form-urlencoded)");
        }
        String signature = ctx.header("X-Slack-Signature");
        String timestamp = ctx.header("X-Slack-Request-Timestamp");
        if (signature == null || timestamp == null) {
            return new Refusal(401, "missing Slack signature headers");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return new Refusal(401, "bad timestamp");
        }
        long now = clock.instant().getEpochSecond();
        if (ts > now + WINDOW_SECONDS || ts < now - WINDOW_SECONDS) {
            return new Refusal(401, "stale or future timestamp");
        }
        if (!verifier.isValid(timestamp, body, signature, clock.millis())) {
            return new Refusal(401, "bad signature");
        }
        return null;
    }

    /** Bolt's request for a signed body, or null for one it does not know. */
    private Request<?> parse(Context ctx, String body) {
        Map<String, List<String>> headers = new HashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(value));
        return parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(ctx.path())
                .queryString(ctx.queryParamMap())
                .requestBody(body)
                .headers(new RequestHeaders(headers))
                .remoteAddress(ctx.ip())
                .build());
    }

    private record Refusal(int status, String reason) {
    }
}
