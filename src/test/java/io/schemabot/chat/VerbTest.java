package io.schemabot.chat;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerbTest {
    @Test
    void verbsParseOnceWhateverTheCase_andUnknownWordsAreNone() {
        assertEquals(Optional.of(Verb.HOTFIX), Verb.parse("HotFix"));
        assertEquals(Optional.empty(), Verb.parse("drop"));
        assertEquals("help", Verb.firstWord("   "));
        assertEquals("frobnicate", Verb.firstWord(" frobnicate production"));
    }

    @Test
    void onlyReadOnlyVerbsAreSharedOrAllowedInDirectMessages_andAHotfixIsNeverShared() {
        for (Verb v : Verb.values()) {
            if (v.shareable()) {
                assertTrue(v.readsOnly(), v + " is shared, so it must only read");
            }
        }
        assertFalse(Verb.HOTFIX.readsOnly());
        assertFalse(Verb.HOTFIX.shareable());
        assertEquals("Planning a hotfix for production…", Verb.HOTFIX.ack("production"));
        assertEquals("Running preflight on staging…", Verb.PREFLIGHT.ack("staging"));
    }
}
