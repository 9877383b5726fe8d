package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.leadflow.support.Engine;
import dev.leadflow.support.LeadflowIntegrationTest;
import dev.leadflow.support.TestLeads;

/**
 * The ledger's last line against a second message of one step, whatever node or path writes: at most one
 * attempt of a step in flight or accepted, and at most one re-send of a failed attempt.
 */
class StepClaimTest extends LeadflowIntegrationTest {

    @Autowired
    private MessageLedger ledger;

    private final String leadId = TestLeads.newLeadId();
    private final String phone = TestLeads.newPhone();
    private final String stepKey = leadId + ":welcome:welcome";

    @Test
    void onlyOneAttemptOfAStepIsInFlightOrSentAndAFailedOneIsReSentOnce() {
        long first = ledger.insertPending(attempt(stepKey, null), Engine.now()).orElseThrow();
        assertThat(ledger.findByKey(stepKey).orElseThrow().id()).isEqualTo(first);

        assertThat(ledger.insertPending(attempt(stepKey + ":resend-1", first), Engine.now()))
                .as("another node's re-send while the step's message is in flight").isEmpty();

        ledger.markRejected(first, 132001, "refused", Engine.now());
        assertThat(ledger.claimOfStep(stepKey)).isEmpty();
        long resent = ledger.insertPending(attempt(stepKey + ":resend-1", first), Engine.now()).orElseThrow();
        ledger.markAccepted(resent, "wamid." + leadId, Engine.now());

        MessageAttempt failed = ledger.findById(first).orElseThrow();
        assertThat(ledger.reopen(failed, attempt(stepKey, null), Engine.now()))
                .as("the flow's own retry once the re-send went out").isFalse();
        assertThat(ledger.claimOfStep(stepKey).orElseThrow().id()).isEqualTo(resent);
        ledger.markFailed(resent, 131026, "undeliverable", Engine.now());
        assertThat(ledger.insertPending(attempt(stepKey + ":resend-2", first), Engine.now()))
                .as("a second re-send of the same failed attempt").isEmpty();
        assertThat(ledger.insertPending(attempt(stepKey + ":resend-2", resent), Engine.now()))
                .as("a re-send of the re-send that failed").isPresent();
        assertThat(ledger.resendable(ledger.findById(first).orElseThrow())).isFalse();
    }

    private MessageLedger.PendingAttempt attempt(String key, Long resendOf) {
        return new MessageLedger.PendingAttempt(key, leadId, "welcome", "welcome", "welcome", "leadflow_welcome",
                "pt_BR", "marketing", "100000000000001", phone, MessageAttempt.TEMPLATE, stepKey, resendOf,
                resendOf == null ? null : "demo", null);
    }
}
