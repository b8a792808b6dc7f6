package io.schemabot.secret;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log layout: the usual pattern, with every event written as one line (control characters in its values
 * escaped, see {@link OneLineEvent}) and every line (message, arguments and stack traces alike) passed through
 * {@link Redactor}, so that no log statement has to remember to hide a password or to distrust its input itself.
 */
public final class RedactingLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return Redactor.urls(super.doLayout(new OneLineEvent(event)));
    }
}
