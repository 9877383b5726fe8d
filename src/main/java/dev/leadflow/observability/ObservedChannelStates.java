package dev.leadflow.observability;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.ChannelState;
import dev.leadflow.messaging.ChannelState.Condition;
import dev.leadflow.messaging.ChannelStates;
import dev.leadflow.messaging.FailureKind;
import dev.leadflow.messaging.OutboundChannel;
import dev.leadflow.messaging.SendFailedException;

/**
 * What the Cloud API answers say about each channel: refused credentials make it FAILING until a send
 * through it is accepted again. The default channel is always listed.
 */
@Component
class ObservedChannelStates implements ChannelStates {

    private final ObjectProvider<OutboundChannel> channel;
    private final Clock clock;
    private final Map<String, ChannelState> observed = new ConcurrentHashMap<>();

    ObservedChannelStates(ObjectProvider<OutboundChannel> channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
    }

    void accepted(String channelId) {
        observed.compute(channelId, (id, known) -> known == null || known.condition() != Condition.ACTIVE
                ? new ChannelState(id, Condition.ACTIVE, null, clock.instant()) : known);
    }

    void refused(String channelId, SendFailedException failure) {
        if (failure.kind() == FailureKind.CHANNEL_AUTH) {
            observed.put(channelId, new ChannelState(channelId, Condition.FAILING, "the Cloud API refused the "
                    + "channel's credentials (" + failure.errorCode() + "): " + failure.getMessage(), clock.instant()));
        }
    }

    @Override
    public List<ChannelState> channelStates() {
        List<ChannelState> states = new ArrayList<>(observed.values());
        OutboundChannel outbound = channel.getIfAvailable();
        if (outbound != null && !observed.containsKey(outbound.defaultChannelId())) {
            states.add(new ChannelState(outbound.defaultChannelId(), Condition.ACTIVE, null, null));
        }
        return states;
    }
}
