package io.schemabot.approval;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Who may approve hotfix requests: the user ids (U..., W...) listed in {@code approval.approvers}, and the members
 * of the Slack user groups (S...) listed there, read with {@code usergroups.users.list} and kept five minutes.
 * A group that cannot be read approves nobody: failing closed is the point of a two-person rule.
 */
public final class Approvers {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Approvers.class);
    private static final Duration MEMBERS_KEPT = Duration.ofMinutes(5);

    private final Set<String> users;
    private final List<String> groups;
    private final MethodsClient slack;
    /** Members of the groups that could be read; a failure (null) is not kept, so it is retried at the next look. */
    private final LoadingCache<String, Set<String>> members;

    /** {@code slack} may be null when {@code approvers} names no group. */
    public Approvers(List<String> approvers, MethodsClient slack) {
        this.users = Set.copyOf(approvers.stream().filter(id -> !isGroup(id)).toList());
        this.groups = approvers.stream().filter(Approvers::isGroup).distinct().toList();
        this.slack = slack;
        this.members = Caffeine.newBuilder().expireAfterWrite(MEMBERS_KEPT).build(this::read);
    }

    private static boolean isGroup(String id) {
        return id.startsWith("S");
    }

    /** True when {@code user} is listed, or a member of a listed group that could be read. */
    public boolean includes(String user) {
        if (users.contains(user)) {
            return true;
        }
        for (String group : groups) {
            Set<String> read = members.get(group);
            if (read != null && read.contains(user)) {
                return true;
            }
        }
        return false;
    }

    /** The group's members, or null (logged) when Slack would not say. */
    private Set<String> read(String group) {
        if (slack == null) {
            LOG.warn("approval.approvers names user group {} but there is no Slack to read it from; it approves nobody", group);
            return null;
        }
        try {
            UsergroupsUsersListResponse response = slack.usergroupsUsersList(r -> r.usergroup(group));
            if (response.isOk() && response.getUsers() != null) {
                return Set.copyOf(response.getUsers());
            }
            LOG.warn("user group {} could not be read ({}); it approves nobody until it can be", group, response.getError());
        } catch (IOException | SlackApiException | RuntimeException e) {
            LOG.warn("user group {} could not be read ({}); it approves nobody until it can be", group, e.getMessage());
        }
        return null;
    }
}
