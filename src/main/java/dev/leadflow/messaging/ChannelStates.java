package dev.leadflow.messaging;

import java.util.List;

/**
 * Whether each outbound channel may send now, for health checks and ops. Implement it as a bean where a
 * channel's state is known (paused by a rule, refused credentials); health merges every implementation,
 * the worst state of a channel winning.
 */
public interface ChannelStates {

    List<ChannelState> channelStates();
}
