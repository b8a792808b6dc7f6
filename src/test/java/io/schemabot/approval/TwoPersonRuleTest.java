package io.schemabot.approval;

import io.schemabot.UserError;
import io.schemabot.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.schemabot.approval.RequestStore.OPS;
import static io.schemabot.approval.RequestStore.PROPOSER;
import static io.schemabot.approval.RequestStore.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-person rule as the store enforces it, whatever face the approvals come through. */
class TwoPersonRuleTest {
    private final RequestStore store = new RequestStore();
    private final HotfixRequests requests = store.requests();

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void propose_recordsAProposedRequestWithAnIdFitForButtonsAndVerbs() {
        HotfixRequest r = requests.propose(plan("hash-1"));

        assertTrue(r.id().matches("hf-[a-z0-9]{6}"), r.id());
        assertEquals(State.PROPOSED, r.state());
        assertEquals(store.clock.instant().plus(RequestStore.TTL), r.expiresAt());
        assertEquals(r, requests.find(r.id()).orElseThrow());
        assertEquals(List.of(RequestEvent.Kind.PROPOSED), kinds(r.id()));
    }

    @Test
    void approve_byTheProposer_isRefusedAndRecorded() {
        HotfixRequest r = requests.propose(plan("hash-1"));

        Decision d = requests.approve(r.id(), PROPOSER, OPS, "hash-1");

        assertFalse(d.accepted());
        assertEquals("you proposed this request; two other approvers are needed", d.message());
        assertEquals(List.of(), d.request().approvers());
        RequestEvent refused = last(r.id());
        assertEquals(RequestEvent.Kind.REFUSED, refused.kind());
        assertEquals(PROPOSER, refused.userId());
        assertTrue(refused.detail().contains("you proposed this request"), refused.detail());
    }

    @Test
    void approve_byTheProposer_namesTheConfiguredQuorum() {
        HotfixRequests threeNeeded = new HotfixRequests(store.dataSource(), store.clock,
                new Config.Approval(RequestStore.LEADS, 3, RequestStore.TTL), OPS, new Approvers(RequestStore.LEADS, null));
        HotfixRequest r = threeNeeded.propose(plan("hash-1"));

        assertEquals("you proposed this request; three other approvers are needed",
                threeNeeded.approve(r.id(), PROPOSER, OPS, "hash-1").message());
        threeNeeded.approve(r.id(), "U0LEAD1", OPS, "hash-1");
        threeNeeded.approve(r.id(), "U0LEAD2", OPS, "hash-1");
        assertEquals(State.PROPOSED, threeNeeded.find(r.id()).orElseThrow().state());
        assertEquals(State.APPROVED, threeNeeded.approve(r.id(), "U0LEAD3", OPS, "hash-1").request().state());
    }

    @Test
    void approve_byOneApprover_isNotEnough() {
        HotfixRequest r = requests.propose(plan("hash-1"));

        Decision d = requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");

        assertTrue(d.accepted());
        assertEquals("approved " + r.id() + " (1 of 2 approvals)", d.message());
        assertEquals(State.PROPOSED, requests.find(r.id()).orElseThrow().state());
        assertEquals(List.of("U0LEAD1"), requests.find(r.id()).orElseThrow().approvers());
    }

    @Test
    void approve_byAnOutsider_isRefused() {
        HotfixRequest r = requests.propose(plan("hash-1"));

        Decision d = requests.approve(r.id(), "U0INTERN", OPS, "hash-1");

        assertFalse(d.accepted());
        assertEquals("you are not one of the approvers (approval.approvers), so your approval does not count", d.message());
        assertEquals(List.of(), requests.find(r.id()).orElseThrow().approvers());
        assertEquals(RequestEvent.Kind.REFUSED, last(r.id()).kind());
    }

    @Test
    void approve_twiceBySamePerson_countsOnceAndSaysSo() {
        HotfixRequest r = requests.propose(plan("hash-1"));
        requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");

        Decision again = requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");

        assertTrue(again.accepted());
        assertEquals("you already approved " + r.id() + "; an approval counts once (1 of 2 approvals)", again.message());
        assertEquals(State.PROPOSED, again.request().state());
        assertEquals(List.of(RequestEvent.Kind.PROPOSED, RequestEvent.Kind.APPROVED), kinds(r.id()));
    }

    @Test
    void approve_bySecondDistinctApprover_reachesApproved() {
        HotfixRequest r = requests.propose(plan("hash-1"));
        requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");

        Decision d = requests.approve(r.id(), "U0LEAD2", OPS, "hash-1");

        assertTrue(d.accepted());
        assertEquals("approved " + r.id() + " (2 of 2 approvals); it may be executed", d.message());
        assertEquals(State.APPROVED, requests.find(r.id()).orElseThrow().state());
        assertEquals(List.of("U0LEAD1", "U0LEAD2"), requests.find(r.id()).orElseThrow().approvers());
    }

    @Test
    void approve_ofAnOlderPlanHash_isRefused() {
        HotfixRequest r = requests.propose(plan("hash-2"));

        Decision d = requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");

        assertFalse(d.accepted());
        assertEquals("this approval is for an older plan; approve the current message", d.message());
        assertEquals(List.of(), requests.find(r.id()).orElseThrow().approvers());
    }

    @Test
    void approve_ofARequestProposedAgainSince_isRefused() {
        HotfixRequest first = requests.propose(plan("hash-1"));
        requests.approve(first.id(), "U0LEAD1", OPS, "hash-1");
        HotfixRequest second = requests.propose(plan("hash-2"));

        Decision d = requests.approve(first.id(), "U0LEAD2", OPS, "hash-1");

        assertFalse(d.accepted());
        assertEquals(State.STALE, requests.find(first.id()).orElseThrow().state());
        assertTrue(d.message().startsWith("hotfix request " + first.id() + " is stale"), d.message());
        assertTrue(requests.events(first.id()).stream().anyMatch(e -> e.kind() == RequestEvent.Kind.STALE
                && e.detail().contains("superseded by " + second.id())));
        assertEquals(List.of(), requests.find(second.id()).orElseThrow().approvers());
    }

    @Test
    void approve_fromOutsideTheOpsChannel_doesNotCount() {
        HotfixRequest r = requests.propose(plan("hash-1"));

        Decision d = requests.approve(r.id(), "U0LEAD1", "D0DIRECT", "hash-1");

        assertFalse(d.accepted());
        assertEquals("nothing from outside the ops channel counts; approve there", d.message());
        assertEquals(List.of(), requests.find(r.id()).orElseThrow().approvers());
    }

    @Test
    void approve_ofAnUnknownId_isRefusedAndChangesNothing() {
        Decision d = requests.approve("hf-nope00", "U0LEAD1", OPS, "hash-1");

        assertFalse(d.accepted());
        assertEquals("there is no hotfix request hf-nope00; `requests` lists the open ones", d.message());
        assertEquals(List.of(), requests.events(10));
    }

    @Test
    void withdraw_belowQuorum_dropsApprovedBackToProposed() {
        HotfixRequest r = approvedRequest();

        Decision d = requests.withdraw(r.id(), "U0LEAD2", OPS);

        assertTrue(d.accepted());
        assertEquals(State.PROPOSED, d.request().state());
        assertEquals(List.of("U0LEAD1"), requests.find(r.id()).orElseThrow().approvers());
        assertTrue(requests.approve(r.id(), "U0LEAD3", OPS, "hash-1").accepted());
        assertEquals(State.APPROVED, requests.find(r.id()).orElseThrow().state());
    }

    @Test
    void withdraw_onceExecuting_isRefused() {
        HotfixRequest r = approvedRequest();
        assertTrue(requests.claimForExecution(r.id(), PROPOSER, OPS).accepted());

        Decision d = requests.withdraw(r.id(), "U0LEAD1", OPS);

        assertFalse(d.accepted());
        assertEquals("hotfix request " + r.id() + " is already executing; you cannot withdraw an approval now", d.message());
        assertEquals(State.EXECUTING, requests.find(r.id()).orElseThrow().state());
    }

    @Test
    void propose_withDataLossHazardsButNoConsent_isRefusedAndStoresNothing() {
        Proposal lossy = new Proposal("production", PROPOSER, OPS, "{}", "hash-1", "fp-base", "fp-target", "[]",
                false, false, true);

        UserError e = assertThrows(UserError.class, () -> requests.propose(lossy));

        assertEquals("this plan has DATA_LOSS or BLOCKING hazards; if that is intended, propose it with "
                + "`hotfix production --allow-data-loss`", e.getMessage());
        assertEquals(List.of(), requests.open());
        assertEquals(List.of(), requests.events(10));
    }

    @Test
    void storedState_isTheStateItsEventsReplayTo() {
        HotfixRequest r = approvedRequest();
        requests.approve(r.id(), "U0INTERN", OPS, "hash-1");
        requests.withdraw(r.id(), "U0LEAD1", OPS);
        requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");

        HotfixRequest stored = requests.find(r.id()).orElseThrow();
        History replayed = History.replay(requests.events(r.id()), stored.planHash(), stored.required());

        assertEquals(State.APPROVED, stored.state());
        assertEquals(stored.state(), replayed.state());
        assertEquals(stored.approvers(), replayed.approvers());
    }

    @Test
    void aRowChangedByHand_isNotActedOn() {
        HotfixRequest r = requests.propose(plan("hash-1"));
        store.db.exec("UPDATE schemabot.hotfix_request SET state = 'APPROVED' WHERE id = '" + r.id() + "'");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> requests.claimForExecution(r.id(), PROPOSER, OPS));

        assertTrue(e.getMessage().contains("the store was changed by hand"), e.getMessage());
        assertEquals(List.of(RequestEvent.Kind.PROPOSED), kinds(r.id()));
    }

    @Test
    void events_cannotBeChangedOrDeleted() {
        HotfixRequest r = requests.propose(plan("hash-1"));

        assertThrows(IllegalStateException.class, () -> store.db.exec("UPDATE schemabot.hotfix_event SET user_id = 'U0X'"));
        assertThrows(IllegalStateException.class, () -> store.db.exec("DELETE FROM schemabot.hotfix_event"));
        assertEquals(PROPOSER, last(r.id()).userId());
    }

    private HotfixRequest approvedRequest() {
        HotfixRequest r = requests.propose(plan("hash-1"));
        requests.approve(r.id(), "U0LEAD1", OPS, "hash-1");
        return requests.approve(r.id(), "U0LEAD2", OPS, "hash-1").request();
    }

    private List<RequestEvent.Kind> kinds(String id) {
        return requests.events(id).stream().map(RequestEvent::kind).toList();
    }

    private RequestEvent last(String id) {
        List<RequestEvent> events = requests.events(id);
        return events.get(events.size() - 1);
    }
}
