package io.schemabot.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In the demo, `break backend` makes the channel hear one alert, and `fix backend` one recovery in its thread. */
class DemoAlertsTest {
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void breakingTheBackendAlertsOnce_andFixingItRecoversInTheAlertsThread() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.schemabot.cli.Main", "demo")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        try (OutputStream in = demo.getOutputStream()) {
            StringBuilder seen = new StringBuilder();
            readUntil(out, "You are alice", seen);
            say(in, "break backend");
            String alert = readUntil(out, "is DOWN", seen);
            assertTrue(alert.startsWith("[#ops, message 1] 🔴 backend is DOWN since"), alert);
            say(in, "/schemabot health");
            readUntil(out, "🔴 backend DOWN since", seen);
            say(in, "fix backend");
            String recovery = readUntil(out, "recovered after", seen);
            assertTrue(recovery.startsWith("[#ops, in the thread of message 1] 🟢 backend recovered after"), recovery);
            readUntil(out, "[#ops, message 1 now reads] ✅ Resolved", seen);
            say(in, "quit");
            assertEquals(1, seen.toString().split("is DOWN", -1).length - 1, "one alert: " + seen);
        }
        assertTrue(demo.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, demo.exitValue());
    }

    private static void say(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Reads lines until one contains {@code text} and returns it; the test's timeout bounds the wait. */
    private static String readUntil(BufferedReader out, String text, StringBuilder seen) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("the demo ended before saying '" + text + "':\n" + seen);
    }
}
