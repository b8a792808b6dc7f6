package io.schemabot.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;

/**
 * Hides the passwords given on the command line in everything written through it: the argument parser's
 * messages quote arguments as typed, and a stack trace under --debug repeats messages, so hiding them where they
 * are printed is the one place that catches every path. Passwords shorter than three characters are left
 * alone: masking every 'a' in a message would leave nothing to read, and such a password hides nothing anyway.
 */
final class SecretMask extends FilterWriter {
    private final List<String> secrets;

    SecretMask(Writer out, List<String> secrets) {
        super(out);
        this.secrets = secrets.stream().filter(s -> s.length() >= 3)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(mask(text.substring(offset, offset + length)));
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        write(new String(buffer, offset, length), 0, length);
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c), 0, 1);
    }

    private String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "***");
        }
        return masked;
    }
}
