package io.schemabot.config;

import java.util.ArrayList;
import java.util.List;

/** What `serve` needs beyond a well-formed file: Slack credentials, a channel and at least one target. */
public final class ServeRequirements {
    private ServeRequirements() {
    }

    public static void check(Config config) {
        List<String> problems = new ArrayList<>();
        if (config.slack().signingSecret() == null) {
            problems.add("slack.signingSecret: missing (set SLACK_SIGNING_SECRET)");
        }
        if (config.slack().botToken() == null) {
            problems.add("slack.botToken: missing (set SLACK_BOT_TOKEN)");
        } else if (!config.slack().botToken().matches("xoxb-[A-Za-z0-9-]+")) {
            problems.add("slack.botToken: must be a bot token (xoxb-...)");
        }
        if (config.slack().channel() == null) {
            problems.add("slack.channel: missing (the ops channel's id, e.g. C0123456789)");
        }
        if (config.targets().isEmpty()) {
            problems.add("targets: configure at least one target (targets.<name>.url)");
        }
        if (config.approval().approvers().isEmpty()) {
            problems.add("approval.approvers: list who may approve hotfixes (Slack user ids or a user group id)");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
