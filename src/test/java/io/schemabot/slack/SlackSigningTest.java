package io.schemabot.slack;

import com.slack.api.app_backend.SlackSignature;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slack's documented signing example, through the verifier the app uses. */
class SlackSigningTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @Test
    void documentedExampleVerifies() {
        SlackSignature.Verifier verifier = new SlackSignature.Verifier(new SlackSignature.Generator(SECRET));
        assertTrue(verifier.isValid(TIMESTAMP, BODY, SIGNATURE, Long.parseLong(TIMESTAMP) * 1000));
    }

    @Test
    void anyChangeBreaksIt() {
        SlackSignature.Verifier verifier = new SlackSignature.Verifier(new SlackSignature.Generator(SECRET));
        long now = Long.parseLong(TIMESTAMP) * 1000;
        assertFalse(verifier.isValid(TIMESTAMP, BODY + "&x=1", SIGNATURE, now));
        assertFalse(verifier.isValid("1531420619", BODY, SIGNATURE, now));
        assertFalse(new SlackSignature.Verifier(new SlackSignature.Generator(SECRET + "x")).isValid(TIMESTAMP, BODY, SIGNATURE, now));
        assertFalse(verifier.isValid(TIMESTAMP, BODY, SIGNATURE, now + 10 * 60 * 1000), "ten minutes later it is stale");
    }
}
