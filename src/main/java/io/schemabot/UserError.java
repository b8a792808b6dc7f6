package io.schemabot;

import io.schemabot.secret.Redactor;

/**
 * A problem the user can fix (bad input, unreachable database, unknown target). Its message is one line,
 * says what to do, and never holds a secret; faces show it as it is, without a stack trace.
 */
public class UserError extends RuntimeException {
    /** The message may quote a URL or a driver's message: any password in it is hidden here, once for all faces. */
    public UserError(String message) {
        super(Redactor.urls(message));
    }

    public UserError(String message, Throwable cause) {
        super(Redactor.urls(message), cause);
    }
}
