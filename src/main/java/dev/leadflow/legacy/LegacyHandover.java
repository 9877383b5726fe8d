package dev.leadflow.legacy;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.leadflow.messaging.IdempotencyKey;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.PriorSends;

/**
 * The messaging service's view of the legacy side ({@link PriorSends}): each flow's mode, and whether the
 * legacy system did a step. A step's legacy fact has the step's identity without a scope (the tracking names
 * no meeting), so for a scoped step (a meeting's) it counts only within
 * {@code leadflow.legacy.scoped-match-window}.
 */
@Component
class LegacyHandover implements PriorSends {

    /** The skip reason of a step the legacy automations did before Leadflow took over. */
    static final String SENT_BY_LEGACY = "already sent by the legacy system";
    /** The skip reason of a step of a flow whose messages the legacy system still sends. */
    static final String LEFT_TO_LEGACY = "left to the legacy system: the flow is in legacy mode";

    private final FlowModes modes;
    private final LegacyFacts facts;
    private final ShadowSends shadow;
    private final LegacyProperties properties;

    LegacyHandover(FlowModes modes, LegacyFacts facts, ShadowSends shadow, LegacyProperties properties) {
        this.modes = modes;
        this.facts = facts;
        this.shadow = shadow;
        this.properties = properties;
    }

    @Override
    public Verdict verdictOn(SendCommand command, Instant now) {
        return switch (modes.modeOf(command.flow())) {
            case LEGACY -> Verdict.skip(LEFT_TO_LEGACY);
            case SHADOW -> Verdict.SHADOW_ONLY;
            case LEADFLOW -> sentByLegacy(command, now) ? Verdict.skip(SENT_BY_LEGACY) : Verdict.LEADFLOW_SENDS;
        };
    }

    private boolean sentByLegacy(SendCommand command, Instant now) {
        boolean scoped = command.scope() != null && !command.scope().isBlank();
        Instant recentEnough = now.minus(properties.scopedMatchWindow());
        return facts.find(IdempotencyKey.of(command.leadId(), command.flow(), command.step(), null))
                .filter(fact -> fact.status().maybeSent())
                .filter(fact -> !scoped || fact.sentAt() == null || fact.sentAt().isAfter(recentEnough))
                .isPresent();
    }

    @Override
    public void recordShadow(SendCommand command, Instant at) {
        shadow.record(command, at);
    }
}
