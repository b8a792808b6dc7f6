package io.schemabot.console;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pipes a script into `schemabot demo` as a separate process, as a person or CI would, and reads the replies. */
class DemoConsoleTest {
    @Test
    void aScriptPipedIntoTheDemoGetsTheSameRepliesAsSlack() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.schemabot.cli.Main", "demo")
                .redirectErrorStream(true).start();
        try (OutputStream in = demo.getOutputStream()) {
            in.write(("""
                    /schemabot status production
                    /schemabot diff production
                    /schemabot preflight production
                    /schemabot hotfix production
                    as bob
                    /schemabot frobnicate
                    /schemabot status staging
                    quit
                    """).getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(demo.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, demo.exitValue(), out);
        assertTrue(out.contains("alice> /schemabot status production\nproduction: version 2, 1 pending"), out);
        assertTrue(out.contains("• V3 share links and activity targets"), out);
        assertTrue(out.contains("column id type: uuid → character varying(36)"), out);
        assertTrue(out.contains("`42804` foreign key constraint \"document_share_links_document_id_fkey\" cannot be implemented"), out);
        assertTrue(out.contains("ALTER COLUMN id TYPE character varying(36) USING id::text"), out);
        assertTrue(out.contains("(now typing as bob)\n\nbob> /schemabot frobnicate\nunknown command 'frobnicate'"), out);
        assertTrue(out.contains("usage: `/schemabot <command> [target]`"), out);
        assertTrue(out.contains("target 'staging' is not configured; known targets: production"), out);
    }
}
