package io.schemabot.console;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo plays the whole incident as a separate process: alice proposes, bob and carol approve, alice executes. */
class DemoApprovalFlowTest {
    private static final Pattern ID = Pattern.compile("type: approve (hf-[a-z0-9]{6})");

    @Test
    void theDemoRepairsProductionThroughTwoApprovals() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.schemabot.cli.Main", "demo")
                .redirectErrorStream(true).start();
        PrintWriter in = new PrintWriter(demo.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        in.println("/schemabot hotfix production");
        String id = null;
        for (String line = out.readLine(); line != null && id == null; line = out.readLine()) {
            Matcher m = ID.matcher(line);
            id = m.find() ? m.group(1) : null;
        }
        assertNotNull(id, "the proposal names its request");
        for (String command : new String[] {"/schemabot approve " + id, "as bob", "/schemabot approve " + id, "as carol",
                "/schemabot approve " + id, "as alice", "/schemabot execute " + id, "/schemabot preflight production", "quit"}) {
            in.println(command);
        }
        in.close();
        StringBuilder rest = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            rest.append(line).append('\n');
        }
        assertTrue(demo.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, demo.exitValue(), rest.toString());
        String transcript = rest.toString();
        assertTrue(transcript.contains("you proposed this request; two other approvers are needed"), transcript);
        assertTrue(transcript.contains("approved " + id + " (1 of 2 approvals)"), transcript);
        assertTrue(transcript.contains("approved " + id + " (2 of 2 approvals)"), transcript);
        assertTrue(transcript.contains("Hotfix request " + id + " executed: production repaired"), transcript);
        assertTrue(transcript.contains("• drift: none"), transcript);
        assertTrue(transcript.contains("production: preflight — the 1 pending migration applies"), transcript);
    }
}
