package io.schemabot.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.UserError;
import io.schemabot.config.Config;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lifecycle of hotfix requests in the bot's store, with the two-person rule enforced here and not in any face:
 * {@code required} distinct listed approvers other than the proposer, each for the request's plan hash, from the
 * ops channel only. Each action runs in one transaction with the request's row locked, appends its event, and
 * moves the state only as the events say; a refused action is recorded as a {@code refused} event.
 */
public final class HotfixRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID_LETTERS = "23456789abcdefghjkmnpqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource store;
    private final Clock clock;
    private final Config.Approval approval;
    private final String opsChannel;
    private final Approvers approvers;
    private final RequestQueries queries;

    public HotfixRequests(DataSource store, Clock clock, Config.Approval approval, String opsChannel, Approvers approvers) {
        this.store = store;
        this.clock = clock;
        this.approval = approval;
        this.opsChannel = opsChannel;
        this.approvers = approvers;
        this.queries = new RequestQueries(store);
    }

    /**
     * Records a new request, PROPOSED, and makes the target's earlier open requests STALE (superseded: approvals
     * given to them must not carry over). A plan whose hazards need consent is refused without
     * {@code allowDataLoss}; nothing is proposed while a request on the same target is executing.
     */
    public HotfixRequest propose(Proposal p) {
        if ((p.needsConsent() || p.blocked()) && !p.allowDataLoss()) {
            throw new UserError("this plan has DATA_LOSS or BLOCKING hazards; if that is intended, propose it with `hotfix "
                    + p.target() + " --allow-data-loss`");
        }
        return inTransaction(c -> {
            Instant now = clock.instant();
            List<LockedRequest> earlier = LockedRequest.lockAll(c, now,
                    "WHERE target = ? AND state IN ('PROPOSED', 'APPROVED', 'EXECUTING') ORDER BY id", p.target());
            for (LockedRequest old : earlier) {
                if (old.request().state() == State.EXECUTING) {
                    throw new UserError("hotfix request " + old.request().id() + " is executing on " + p.target()
                            + "; wait for its outcome, then propose again");
                }
            }
            HotfixRequest request = insertNew(c, p, now);
            for (LockedRequest old : earlier) {
                old.append(RequestEvent.Kind.STALE, null, old.request().planHash(),
                        detail("reason", "superseded by " + request.id()));
            }
            LockedRequest created = LockedRequest.created(c, request, now);
            created.append(RequestEvent.Kind.PROPOSED, p.proposer(), p.planHash(),
                    detail("allowDataLoss", p.allowDataLoss(), "blocked", p.blocked()));
            return created.request();
        });
    }

    private HotfixRequest insertNew(Connection c, Proposal p, Instant now) throws SQLException {
        while (true) {
            HotfixRequest request = new HotfixRequest(newId(), p.target(), p.proposer(), p.channel(), State.PROPOSED,
                    p.planJson(), p.planHash(), p.baseFingerprint(), p.targetFingerprint(), p.flywayHistory(),
                    p.allowDataLoss(), p.blocked(), approval.required(), now, now.plus(approval.ttl()), null, List.of());
            if (RequestRows.insert(c, request)) {
                return request;
            }
        }
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("hf-");
        for (int i = 0; i < 6; i++) {
            id.append(ID_LETTERS.charAt(RANDOM.nextInt(ID_LETTERS.length())));
        }
        return id.toString();
    }

    /** {@code user} approves the plan whose hash is {@code planHash}; the quorum moves PROPOSED to APPROVED. */
    public Decision approve(String id, String user, String channel, String planHash) {
        boolean listed = approvers.includes(user);
        return fromOpsChannel(id, user, channel, "approve", r -> {
            HotfixRequest q = r.request();
            if (!q.state().awaitsDecision()) {
                return refuse(r, user, "approve", notNow(q, "approve it"));
            }
            if (user.equals(q.proposer())) {
                return refuse(r, user, "approve", "you proposed this request; " + Quorum.others(q.required()));
            }
            if (!listed) {
                return refuse(r, user, "approve", "you are not one of the approvers (approval.approvers), so your approval does not count");
            }
            if (!q.planHash().equals(planHash)) {
                return refuse(r, user, "approve", "this approval is for an older plan; approve the current message");
            }
            if (q.approvers().contains(user)) {
                return new Decision(true, "you already approved " + q.id() + "; an approval counts once ("
                        + Quorum.progress(q) + ")", q);
            }
            State now = r.append(RequestEvent.Kind.APPROVED, user, planHash, null);
            return new Decision(true, "approved " + q.id() + " (" + Quorum.progress(r.request()) + ")"
                    + (now == State.APPROVED ? "; it may be executed" : ""), r.request());
        });
    }

    /** {@code user} takes back their approval, until execution starts; below the quorum APPROVED goes back to PROPOSED. */
    public Decision withdraw(String id, String user, String channel) {
        return fromOpsChannel(id, user, channel, "withdraw", r -> {
            HotfixRequest q = r.request();
            if (!q.state().awaitsDecision()) {
                return refuse(r, user, "withdraw", notNow(q, "withdraw an approval"));
            }
            if (!q.approvers().contains(user)) {
                return refuse(r, user, "withdraw", "you have not approved " + q.id() + ", so there is nothing to withdraw");
            }
            r.append(RequestEvent.Kind.WITHDRAWN, user, q.planHash(), null);
            return new Decision(true, "withdrew your approval of " + q.id() + " (" + Quorum.progress(r.request()) + ")",
                    r.request());
        });
    }

    /** Any listed approver other than the proposer ends the request. */
    public Decision reject(String id, String user, String channel, String reason) {
        boolean listed = approvers.includes(user);
        return fromOpsChannel(id, user, channel, "reject", r -> {
            HotfixRequest q = r.request();
            if (!q.state().awaitsDecision()) {
                return refuse(r, user, "reject", notNow(q, "reject it"));
            }
            if (user.equals(q.proposer())) {
                return refuse(r, user, "reject", "you proposed this request; cancel it instead");
            }
            if (!listed) {
                return refuse(r, user, "reject", "you are not one of the approvers (approval.approvers), so you cannot reject it");
            }
            r.append(RequestEvent.Kind.REJECTED, user, q.planHash(), reason == null || reason.isBlank() ? null
                    : detail("reason", reason));
            return new Decision(true, "rejected " + q.id(), r.request());
        });
    }

    /** The proposer, and only the proposer, takes the request back. */
    public Decision cancel(String id, String user, String channel) {
        return fromOpsChannel(id, user, channel, "cancel", r -> {
            HotfixRequest q = r.request();
            if (!q.state().awaitsDecision()) {
                return refuse(r, user, "cancel", notNow(q, "cancel it"));
            }
            if (!user.equals(q.proposer())) {
                return refuse(r, user, "cancel", "only its proposer can cancel " + q.id() + "; an approver may reject it");
            }
            r.append(RequestEvent.Kind.CANCELLED, user, q.planHash(), null);
            return new Decision(true, "cancelled " + q.id(), r.request());
        });
    }

    /**
     * Production moved since the plan was made (fingerprint or Flyway history): the request must be proposed again.
     * Not while EXECUTING: the execution itself ends that with {@link #finish} and STALE.
     */
    public Decision markStale(String id, String reason) {
        return onRequest(id, r -> {
            HotfixRequest q = r.request();
            if (!q.state().awaitsDecision()) {
                return new Decision(false, notNow(q, "mark it stale"), q);
            }
            r.append(RequestEvent.Kind.STALE, null, q.planHash(), detail("reason", reason));
            return new Decision(true, q.id() + " is stale (" + reason + "); it must be proposed again", r.request());
        });
    }

    /**
     * Moves APPROVED to EXECUTING for exactly one caller (however many click, retry or run beside this instance on
     * the same store); that caller's decision is accepted and carries the request, every other is refused with
     * why ("already executing"). The proposer or a listed approver may execute; a BLOCKING plan never.
     */
    public Decision claimForExecution(String id, String user, String channel) {
        boolean listed = approvers.includes(user);
        return fromOpsChannel(id, user, channel, "execute", r -> {
            HotfixRequest q = r.request();
            if (q.blocked()) {
                return refuse(r, user, "execute", "this plan has BLOCKING hazards; schemabot never executes it");
            }
            if (!user.equals(q.proposer()) && !listed) {
                return refuse(r, user, "execute", "only the proposer or an approver may execute " + q.id());
            }
            if (q.state() == State.PROPOSED) {
                return refuse(r, user, "execute", q.id() + " is not approved yet (" + Quorum.progress(q) + ")");
            }
            if (q.state() != State.APPROVED) {
                return refuse(r, user, "execute", notNow(q, "execute it"));
            }
            r.append(RequestEvent.Kind.EXECUTING, user, q.planHash(), null);
            return new Decision(true, "executing " + q.id(), r.request());
        });
    }

    /** A lock wait or another transient failure made the execution try again; {@code detailJson} says why. */
    public void retrying(String id, String detailJson) {
        executingOnly(id, "retry", r -> r.append(RequestEvent.Kind.RETRYING, null, r.request().planHash(), detailJson));
    }

    /**
     * Ends an execution: SUCCEEDED or FAILED, or STALE when production had moved and nothing ran; {@code user} is who
     * executed it (or null), {@code detailJson} the figures or the error.
     */
    public void finish(String id, State outcome, String user, String detailJson) {
        RequestEvent.Kind kind = switch (outcome) {
            case SUCCEEDED -> RequestEvent.Kind.SUCCEEDED;
            case FAILED -> RequestEvent.Kind.FAILED;
            case STALE -> RequestEvent.Kind.STALE;
            default -> throw new IllegalArgumentException("an execution ends SUCCEEDED, FAILED or STALE, not " + outcome);
        };
        executingOnly(id, "finish", r -> r.append(kind, user, r.request().planHash(), detailJson));
    }

    /** Expires every request still waiting for people past its expiry time; returns how many. */
    public int expireDue() {
        return inTransaction(c -> {
            Instant now = clock.instant();
            List<LockedRequest> due = LockedRequest.lockAll(c, now,
                    "WHERE state IN ('PROPOSED', 'APPROVED') AND expires_at <= ? ORDER BY id", now);
            for (LockedRequest r : due) {
                r.append(RequestEvent.Kind.EXPIRED, null, r.request().planHash(), null);
            }
            return due.size();
        });
    }

    /** The chat layer's message for the request, so that it can keep it current. */
    public void setMessageTs(String id, String ts) {
        inTransaction(c -> {
            RequestRows.setMessageTs(c, id, ts);
            return null;
        });
    }

    /** Requests not yet ended (PROPOSED, APPROVED, EXECUTING), oldest first. */
    public List<HotfixRequest> open() {
        return queries.open();
    }

    public List<HotfixRequest> inState(State state) {
        return queries.inState(state);
    }

    /**
     * Requests EXECUTING whose last event (the claim, or a retry) is older than {@code quiet}: not a run just
     * claimed and about to take the target's lock. Whether a run still holds that lock is for the caller to ask.
     */
    public List<HotfixRequest> executingQuietFor(java.time.Duration quiet) {
        java.time.Instant before = clock.instant().minus(quiet);
        return queries.inState(State.EXECUTING).stream().filter(r -> queries.events(r.id()).stream()
                .map(RequestEvent::at).max(java.util.Comparator.naturalOrder()).map(at -> at.isBefore(before))
                .orElse(true)).toList();
    }

    public Optional<HotfixRequest> find(String id) {
        return queries.find(id);
    }

    /** The last {@code limit} events of all requests, newest last. */
    public List<RequestEvent> events(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a number of events is zero or more, not " + limit);
        }
        return queries.events(limit);
    }

    /** One request's events, oldest first. */
    public List<RequestEvent> events(String id) {
        return queries.events(id);
    }

    private Decision fromOpsChannel(String id, String user, String channel, String action, LockedAction body) {
        return onRequest(id, r -> opsChannel.equals(channel) ? body.apply(r)
                : refuse(r, user, action, "nothing from outside the ops channel counts; " + action + " there"));
    }

    /**
     * Runs {@code body} on request {@code id}, locked; a request whose time ran out is first expired, so that no
     * action sees it as still open.
     */
    private Decision onRequest(String id, LockedAction body) {
        return inTransaction(c -> {
            Optional<LockedRequest> locked = LockedRequest.lock(c, id, clock.instant());
            if (locked.isEmpty()) {
                return new Decision(false, "there is no hotfix request " + id + "; `requests` lists the open ones", null);
            }
            LockedRequest r = locked.get();
            if (r.due()) {
                r.append(RequestEvent.Kind.EXPIRED, null, r.request().planHash(), null);
            }
            return body.apply(r);
        });
    }

    private void executingOnly(String id, String action, LockedWrite write) {
        Decision d = onRequest(id, r -> {
            if (r.request().state() != State.EXECUTING) {
                return new Decision(false, notNow(r.request(), action + " its execution"), r.request());
            }
            write.apply(r);
            return new Decision(true, action, r.request());
        });
        if (!d.accepted()) {
            throw new IllegalStateException(d.message());
        }
    }

    private static Decision refuse(LockedRequest r, String user, String action, String reason) throws SQLException {
        r.append(RequestEvent.Kind.REFUSED, user, null, detail("action", action, "reason", reason));
        return new Decision(false, reason, r.request());
    }

    private static String notNow(HotfixRequest q, String what) {
        return "hotfix request " + q.id() + " " + q.state().phrase() + "; you cannot " + what + " now";
    }

    /** A JSON object of the given names and values, in that order. */
    private static String detail(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T inTransaction(StoreWork<T> work) {
        return StoreWork.inTransaction(store, work);
    }

    private interface LockedAction {
        Decision apply(LockedRequest r) throws SQLException;
    }

    private interface LockedWrite {
        void apply(LockedRequest r) throws SQLException;
    }
}
