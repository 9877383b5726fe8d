package dev.leadflow.messaging;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The messaging rules, built from configuration; a bad setting stops the start with its property name. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    QuietHours quietHours(MarketProperties markets) {
        return new QuietHours(markets.markets());
    }

    @Bean
    FrequencyCap frequencyCap(MessagingProperties properties) {
        return new FrequencyCap(properties.frequencyCaps());
    }

    @Bean
    SendPolicy sendPolicy(QuietHours quietHours, FrequencyCap frequencyCap,
                          @Value("${leadflow.messaging.awake-for:PT30M}") Duration awakeFor) {
        return new SendPolicy(quietHours, frequencyCap, awakeFor);
    }

    @Bean
    SendBackoff sendBackoff(MessagingProperties properties) {
        return new SendBackoff(properties.marketingLimitBackoff());
    }

    @Bean
    ChannelRouter channelRouter(ChannelProperties channels, OutboundChannel channel, MessagingProperties properties) {
        return new ChannelRouter(channels.channels(), channel.defaultChannelId(), properties.channelRatePerSecond());
    }

    @Bean
    OptOutWords optOutWords(MessagingProperties properties) {
        return new OptOutWords(properties.optOutWords());
    }
}
