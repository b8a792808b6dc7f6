package io.schemabot.secret;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.schemabot.UserError;
import io.schemabot.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way out (errors, config problems, log lines, the command line's stderr) passes through one redactor. */
class RedactorTest {
    private static final String URL = "postgres://app:hunter22@db.internal:5432/prod";

    @Test
    void aPasswordInSqlText_asABlockingSessionsQueryShowsIt_isHidden() {
        assertEquals("ALTER ROLE app PASSWORD '***' VALID UNTIL 'infinity'",
                Redactor.urls("ALTER ROLE app PASSWORD 'hunter22' VALID UNTIL 'infinity'"));
    }

    @Test
    void aMigrationsLocationWithAVersionIsNoUrl() {
        assertEquals("cannot read filesystem:/srv/db@none or classpath:db/migration@2",
                Redactor.urls("cannot read filesystem:/srv/db@none or classpath:db/migration@2"));
    }

    @Test
    void userErrorsAndConfigProblemsHideUrlPasswordsWhenMade() {
        assertEquals("cannot open postgres://app:***@db.internal:5432/prod", new UserError("cannot open " + URL).getMessage());
        assertFalse(new UserError("x " + URL, new RuntimeException()).getMessage().contains("hunter22"));
        ConfigException e = new ConfigException(List.of("targets.p.url: bad " + URL));
        assertFalse(e.getMessage().contains("hunter22"));
        assertFalse(e.problems().get(0).contains("hunter22"));
    }

    @Test
    void everyLogLineIsRedacted_messageArgumentsAndStackTraces() {
        RedactingLayout layout = new RedactingLayout();
        LoggerContext context = new LoggerContext();
        layout.setContext(context);
        layout.setPattern("%msg%n%ex");
        layout.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("test"), Level.WARN, "could not reach {}",
                new IllegalStateException("driver said " + URL), new Object[] {URL});
        String line = layout.doLayout(event);
        assertTrue(line.contains("could not reach postgres://app:***@db.internal"), line);
        assertFalse(line.contains("hunter22"), line);
    }

    @Test
    void everyEventIsOneLine_whateverItsMessageArgumentsOrExceptionMessagesHold() {
        RedactingLayout layout = new RedactingLayout();
        LoggerContext context = new LoggerContext();
        layout.setContext(context);
        layout.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        layout.start();
        String forged = "15:00:00.000 ERROR i.s.chat.CommandRouter - approved hotfix by UMALLORY";
        LoggingEvent event = new LoggingEvent("x", context.getLogger("test"), Level.WARN, "no pattern for {}",
                new IllegalArgumentException("bad input\r\n" + forged), new Object[] {"hi\n" + forged + "\u2028\u001b[2J"});
        String text = layout.doLayout(event);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).endsWith("no pattern for hi\\n" + forged + "\\u2028\\u001b[2J"), lines.get(0));
        assertEquals("java.lang.IllegalArgumentException: bad input\\r\\n" + forged, lines.get(1));
        assertTrue(lines.stream().skip(2).allMatch(l -> l.startsWith("\tat ") || l.startsWith("\t... ")), text);
        assertTrue(text.endsWith(System.lineSeparator()), "the event still ends its line");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("15:00:00.000")), text);
    }

    @Test
    void aPasswordBehindAnEscapedLineBreakIsStillHidden() {
        RedactingLayout layout = new RedactingLayout();
        LoggerContext context = new LoggerContext();
        layout.setContext(context);
        layout.setPattern("%msg%n");
        layout.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("test"), Level.WARN, "cannot read {}", null,
                new Object[] {"filesystem:/srv/db\n" + URL});
        String line = layout.doLayout(event);
        assertFalse(line.contains("hunter22"), line);
    }

    @Test
    void theCommandLinesWriterHidesItsArgumentsPasswordsEvenInMalformedUrls_andLeavesOtherTextAlone() throws Exception {
        StringWriter out = new StringWriter();
        try (Writer w = Redactor.forArguments("--url", "postgres://app:s3cret pass@h/db").wrap(out)) {
            w.write("unknown option near 's3cret pass'; example value acct:42@shard2");
        }
        assertFalse(out.toString().contains("s3cret"), out.toString());
        assertTrue(out.toString().contains("example value acct:42@shard2"), "a data check's example is data:\n" + out);
    }

    /** A watched service's URL may carry a token anywhere: alerts show where it points, never what it carries. */
    @Test
    void anEndpointShowsWhereItPoints_withUserInfoAndEveryQueryValueMasked() {
        assertEquals("https://***@api.internal:8443/health?token=***&verbose=***",
                Redactor.endpoint("https://ghp_T0KEN@api.internal:8443/health?token=abc123secret&verbose=1"));
        assertEquals("https://***@h/health", Redactor.endpoint("https://u:hunter22@h/health"));
        assertEquals("http://127.0.0.1:8080/health", Redactor.endpoint("http://127.0.0.1:8080/health"));
        assertEquals("(a URL that does not parse)", Redactor.endpoint("not a url with secret"));
    }
}
