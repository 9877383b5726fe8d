package dev.leadflow.messaging;

import org.springframework.stereotype.Component;

/** The business number (phone-number id) a lead is written from: the channel its flows send through. */
@Component
public class LeadChannels {

    private final ChannelRouter router;
    private final MessagingProperties properties;

    LeadChannels(ChannelRouter router, MessagingProperties properties) {
        this.router = router;
        this.properties = properties;
    }

    public String channelOf(Recipient lead) {
        return router.pick(Markets.of(lead.phone(), lead.locale()).orElse(null),
                lead.attributes().get(properties.brandAttribute()), lead.owner()).id();
    }
}
