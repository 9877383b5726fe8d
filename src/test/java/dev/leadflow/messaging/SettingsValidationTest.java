package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.mock.env.MockEnvironment;

import dev.leadflow.messaging.ChannelProperties.Channel;
import dev.leadflow.messaging.MarketProperties.Market;

/** leadflow.channels and .markets are bound at their own keys and a bad entry stops the start. */
class SettingsValidationTest {

    @Test
    void channelsAreBoundAtTheirOwnKey() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("leadflow.channels[0].id", "123")
                .withProperty("leadflow.channels[0].rate-per-second", "20");

        assertThat(MessagingConfiguration.bind(environment, "leadflow.channels", Bindable.listOf(Channel.class)))
                .hasValueSatisfying(channels -> assertThat(channels).extracting(Channel::id).containsExactly("123"));
    }

    @Test
    void aChannelWithoutIdOrWithANonPositiveRateStopsTheStart() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("leadflow.channels[0].name", "brand B")
                .withProperty("leadflow.channels[0].rate-per-second", "0");

        assertThatThrownBy(() -> MessagingConfiguration.bind(environment, "leadflow.channels",
                Bindable.listOf(Channel.class))).hasStackTraceContaining("id").hasStackTraceContaining("ratePerSecond");
    }

    @Test
    void aSendWindowThatIsNotATimeStopsTheStart() {
        MockEnvironment environment = new MockEnvironment().withProperty("leadflow.markets.BR.send-from", "9am");

        assertThatThrownBy(() -> MessagingConfiguration.bind(environment, "leadflow.markets",
                Bindable.mapOf(String.class, Market.class))).hasStackTraceContaining("sendFrom");
    }

    @Test
    void unsetSettingsBindToNothing() {
        assertThat(MessagingConfiguration.bind(new MockEnvironment(), "leadflow.markets",
                Bindable.mapOf(String.class, Market.class)).map(Map::size)).isEmpty();
        assertThat(new ChannelProperties(null).channels()).isEqualTo(List.of());
    }
}
