package io.schemabot;

/**
 * A problem the user can fix (bad input, unreachable database, unknown target). Its message is one line,
 * says what to do, and never holds a secret; faces show it as it is, without a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
