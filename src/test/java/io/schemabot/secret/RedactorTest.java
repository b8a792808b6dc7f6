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
    void theCommandLinesWriterHidesItsArgumentsPasswordsEvenInMalformedUrls_andLeavesOtherTextAlone() throws Exception {
        StringWriter out = new StringWriter();
        try (Writer w = Redactor.forArguments("--url", "postgres://app:s3cret pass@h/db").wrap(out)) {
            w.write("unknown option near 's3cret pass'; example value acct:42@shard2");
        }
        assertFalse(out.toString().contains("s3cret"), out.toString());
        assertTrue(out.toString().contains("example value acct:42@shard2"), "a data check's example is data:\n" + out);
    }
}
