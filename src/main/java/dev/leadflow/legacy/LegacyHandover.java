package dev.leadflow.legacy;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.leadflow.messaging.IdempotencyKey;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.SendHandover;

/**
 * The messaging service's view of the legacy side: each flow's mode, and whether the legacy system did a
 * step. A step's legacy fact has the step's identity without a scope (the tracking names no meeting), so
 * for a scoped step (a meeting's) it counts only within {@code leadflow.legacy.scoped-match-window}.
 */
@Component
class LegacyHandover implements SendHandover {

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
    public Mode modeOf(String flow) {
        return modes.modeOf(flow);
    }

    @Override
    public boolean sentByLegacy(SendCommand command, Instant now) {
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
