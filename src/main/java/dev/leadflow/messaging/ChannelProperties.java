package dev.leadflow.messaging;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * The business phone numbers beyond the default one ({@code leadflow.whatsapp.phone-number-id}).
 * A channel with selectors serves the leads that match all of them; the most specific match wins. Bound
 * from {@code leadflow.channels} and checked at start-up ({@link MessagingConfiguration}).
 */
public record ChannelProperties(List<Channel> channels) {

    public ChannelProperties {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /**
     * @param id            Meta's phone-number id
     * @param name          for logs, health and the timeline
     * @param markets       lead markets (phone or locale country, e.g. BR) this number serves
     * @param brands        values of the lead's brand attribute this number serves
     * @param owners        lead owners this number serves
     * @param ratePerSecond this number's throughput (Meta: 80/s by default)
     */
    public record Channel(@NotBlank String id, String name, List<String> markets, List<String> brands,
                          List<String> owners, @Positive Integer ratePerSecond) {
    }
}
