package io.schemabot.slack;

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
 * runs the app. Before Bolt verifies the signature, cheap checks turn away what Slack never sends: a missing
 * signature or timestamp, a timestamp more than five minutes off either way, a body that is not a form, a body
 * larger than Slack's. Nothing is executed for any of them.
 */
public final class SlackEndpoint {
    static final int MAX_BODY = 64 * 1024;
    private static final long WINDOW_SECONDS = 5 * 60;

    private final App app;
    private final SlackRequestParser parser;
    private final Clock clock;
    private final Timer ackTimer;

    public SlackEndpoint(App app, Clock clock, MeterRegistry metrics) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.clock = clock;
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
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY) {
            reject(ctx, 400, "request body too large");
            return;
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            reject(ctx, 400, "expected a form body (application/x-www-form-urlencoded)");
            return;
        }
        String signature = ctx.header("X-Slack-Signature");
        String timestamp = ctx.header("X-Slack-Request-Timestamp");
        if (signature == null || timestamp == null) {
            reject(ctx, 401, "missing Slack signature headers");
            return;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            reject(ctx, 401, "bad timestamp");
            return;
        }
        long now = clock.instant().getEpochSecond();
        if (ts > now + WINDOW_SECONDS || ts < now - WINDOW_SECONDS) {
            reject(ctx, 401, "stale or future timestamp");
            return;
        }
        Map<String, List<String>> headers = new HashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(value));
        Request<?> request = parser.parse(com.slack.api.bolt.util.SlackRequestParser.HttpRequest.builder()
                .requestUri(ctx.path())
                .queryString(ctx.queryParamMap())
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .headers(new RequestHeaders(headers))
                .remoteAddress(ctx.ip())
                .build());
        if (request == null) {
            reject(ctx, 400, "not a Slack request schemabot handles");
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

    private static void reject(Context ctx, int status, String why) {
        ctx.status(status).contentType("text/plain").result(why);
    }
}
