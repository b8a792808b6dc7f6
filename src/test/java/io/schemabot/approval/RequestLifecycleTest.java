package io.schemabot.approval;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.schemabot.approval.RequestStore.OPS;
import static io.schemabot.approval.RequestStore.PROPOSER;
import static io.schemabot.approval.RequestStore.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a request ends: rejected, cancelled, expired, stale, or executed once to an outcome. */
class RequestLifecycleTest {
    private final RequestStore store = new RequestStore();
    private final HotfixRequests requests = store.requests();

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void reject_byAnApprover_endsTheRequest() {
        HotfixRequest r = requests.propose(plan("hash-1"));
        requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");

        Decision d = requests.reject(r.id(), "U0LEAD2", OPS, "not during the sale");

        assertTrue(d.accepted());
        assertEquals(State.REJECTED, requests.find(r.id()).orElseThrow().state());
        assertEquals("{\"reason\": \"not during the sale\"}", last(r.id()).detail());
        assertFalse(requests.approve(r.id(), "U0LEAD3", OPS, "hash-1").accepted());
        assertFalse(requests.claimForExecution(r.id(), PROPOSER, OPS).accepted());
    }

    @Test
    void reject_byTheProposerOrAnOutsider_isRefused() {
        HotfixRequest r = requests.propose(plan("hash-1"));

        assertEquals("you proposed this request; cancel it instead",
                requests.reject(r.id(), PROPOSER, OPS, null).message());
        assertEquals("you are not one of the approvers (approval.approvers), so you cannot reject it",
                requests.reject(r.id(), "U0INTERN", OPS, null).message());
        assertEquals(State.PROPOSED, requests.find(r.id()).orElseThrow().state());
    }

    @Test
    void cancel_isTheProposersAlone() {
        HotfixRequest r = requests.propose(plan("hash-1"));

        Decision byApprover = requests.cancel(r.id(), "U0LEAD1", OPS);
        Decision byProposer = requests.cancel(r.id(), PROPOSER, OPS);

        assertFalse(byApprover.accepted());
        assertEquals("only its proposer can cancel " + r.id() + "; an approver may reject it", byApprover.message());
        assertTrue(byProposer.accepted());
        assertEquals(State.CANCELLED, requests.find(r.id()).orElseThrow().state());
        assertEquals(List.of(RequestEvent.Kind.PROPOSED, RequestEvent.Kind.REFUSED, RequestEvent.Kind.CANCELLED), kinds(r.id()));
    }

    @Test
    void expiry_afterTheTtl_refusesApprovalsAndExecution() {
        HotfixRequest waiting = requests.propose(new Proposal("staging", PROPOSER, OPS, "{}", "hash-s", "a", "b", "[]",
                false, false, false));
        HotfixRequest approved = requests.propose(plan("hash-1"));
        requests.approve(approved.id(), "U0LEAD1", OPS, "hash-1");
        requests.approve(approved.id(), "U0LEAD2", OPS, "hash-1");
        store.clock.advance(RequestStore.TTL.minusSeconds(1));
        assertEquals(0, requests.expireDue());

        store.clock.advance(Duration.ofSeconds(1));
        Decision late = requests.claimForExecution(approved.id(), PROPOSER, OPS);

        assertFalse(late.accepted());
        assertEquals("hotfix request " + approved.id() + " has expired; you cannot execute it now", late.message());
        assertEquals(1, requests.expireDue());
        assertEquals(0, requests.expireDue());
        assertEquals(State.EXPIRED, requests.find(waiting.id()).orElseThrow().state());
        assertEquals(List.of(), requests.open());
        assertEquals(List.of(RequestEvent.Kind.PROPOSED, RequestEvent.Kind.EXPIRED), kinds(waiting.id()));
        assertEquals(2, requests.inState(State.EXPIRED).size());
    }

    @Test
    void blockingPlan_canBeProposedWithConsentButNeverClaimed() {
        HotfixRequest r = requests.propose(RequestStore.consented(true));
        requests.approve(r.id(), "U0LEAD1", OPS, "hash-loss");
        requests.approve(r.id(), "U0LEAD2", OPS, "hash-loss");

        Decision d = requests.claimForExecution(r.id(), PROPOSER, OPS);

        assertEquals(State.APPROVED, requests.find(r.id()).orElseThrow().state());
        assertFalse(d.accepted());
        assertEquals("this plan has BLOCKING hazards; schemabot never executes it", d.message());
    }

    @Test
    void claim_byTheProposerOrAnApproverOnly_andOnlyOnceApproved() {
        HotfixRequest r = requests.propose(RequestStore.consented(false));
        assertEquals(r.id() + " is not approved yet (0 of 2 approvals)",
                requests.claimForExecution(r.id(), PROPOSER, OPS).message());
        requests.approve(r.id(), "U0LEAD1", OPS, "hash-loss");
        requests.approve(r.id(), "U0LEAD2", OPS, "hash-loss");

        Decision outsider = requests.claimForExecution(r.id(), "U0INTERN", OPS);
        Decision elsewhere = requests.claimForExecution(r.id(), "U0LEAD3", "D0DIRECT");
        Decision lead = requests.claimForExecution(r.id(), "U0LEAD3", OPS);
        Decision again = requests.claimForExecution(r.id(), PROPOSER, OPS);

        assertEquals("only the proposer or an approver may execute " + r.id(), outsider.message());
        assertFalse(elsewhere.accepted());
        assertTrue(lead.accepted());
        assertEquals(State.EXECUTING, lead.request().state());
        assertEquals("hotfix request " + r.id() + " is already executing; you cannot execute it now", again.message());
    }

    @Test
    void execution_endsInItsOutcome_withRetriesRecorded() {
        HotfixRequest r = requests.propose(plan("hash-1"));
        requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");
        requests.approve(r.id(), "U0LEAD2", OPS, "hash-1");
        assertThrows(IllegalStateException.class, () -> requests.finish(r.id(), State.SUCCEEDED, "U0LEAD1", null));
        requests.claimForExecution(r.id(), "U0LEAD1", OPS);

        requests.retrying(r.id(), "{\"blocker\": 4242}");
        requests.finish(r.id(), State.SUCCEEDED, "U0LEAD1", "{\"rows\": 3}");

        assertEquals(State.SUCCEEDED, requests.find(r.id()).orElseThrow().state());
        assertEquals(List.of(RequestEvent.Kind.PROPOSED, RequestEvent.Kind.APPROVED, RequestEvent.Kind.APPROVED,
                RequestEvent.Kind.EXECUTING, RequestEvent.Kind.RETRYING, RequestEvent.Kind.SUCCEEDED), kinds(r.id()));
        assertEquals("{\"rows\": 3}", last(r.id()).detail());
        assertThrows(IllegalStateException.class, () -> requests.finish(r.id(), State.FAILED, "U0LEAD1", null));
        assertThrows(IllegalArgumentException.class, () -> requests.finish(r.id(), State.APPROVED, "U0LEAD1", null));
    }

    @Test
    void markStale_endsAWaitingRequestButNotAnExecutingOne() {
        HotfixRequest waiting = requests.propose(plan("hash-1"));
        Decision stale = requests.markStale(waiting.id(), "production's fingerprint moved");
        HotfixRequest running = requests.propose(plan("hash-2"));
        requests.approve(running.id(), "U0LEAD1", OPS, "hash-2");
        requests.approve(running.id(), "U0LEAD2", OPS, "hash-2");
        requests.claimForExecution(running.id(), PROPOSER, OPS);

        Decision notNow = requests.markStale(running.id(), "production's fingerprint moved");

        assertTrue(stale.accepted());
        assertEquals(waiting.id() + " is stale (production's fingerprint moved); it must be proposed again", stale.message());
        assertEquals(State.STALE, requests.find(waiting.id()).orElseThrow().state());
        assertFalse(notNow.accepted());
        assertEquals(State.EXECUTING, requests.find(running.id()).orElseThrow().state());
        requests.finish(running.id(), State.STALE, PROPOSER, "{\"reason\": \"flyway history moved\"}");
        assertEquals(State.STALE, requests.find(running.id()).orElseThrow().state());
    }

    @Test
    void propose_whileTheTargetIsExecuting_isRefused() {
        HotfixRequest running = requests.propose(plan("hash-1"));
        requests.approve(running.id(), "U0LEAD1", OPS, "hash-1");
        requests.approve(running.id(), "U0LEAD2", OPS, "hash-1");
        requests.claimForExecution(running.id(), PROPOSER, OPS);

        var e = assertThrows(io.schemabot.UserError.class, () -> requests.propose(plan("hash-2")));

        assertEquals("hotfix request " + running.id() + " is executing on production; wait for its outcome, then propose again",
                e.getMessage());
        assertEquals(1, requests.open().size());
    }

    @Test
    void events_newestLast_andMessageTsKept() {
        HotfixRequest a = requests.propose(plan("hash-1"));
        requests.approve(a.id(), "U0LEAD1", OPS, "hash-1");
        requests.approve(a.id(), "U0INTERN", OPS, "hash-1");
        requests.setMessageTs(a.id(), "1700000000.000100");

        List<RequestEvent> lastTwo = requests.events(2);

        assertEquals(List.of(RequestEvent.Kind.APPROVED, RequestEvent.Kind.REFUSED),
                lastTwo.stream().map(RequestEvent::kind).toList());
        assertEquals("1700000000.000100", requests.find(a.id()).orElseThrow().messageTs());
        assertThrows(IllegalArgumentException.class, () -> requests.setMessageTs("hf-nope00", "1.2"));
    }

    private List<RequestEvent.Kind> kinds(String id) {
        return requests.events(id).stream().map(RequestEvent::kind).toList();
    }

    private RequestEvent last(String id) {
        List<RequestEvent> events = requests.events(id);
        return events.get(events.size() - 1);
    }
}
