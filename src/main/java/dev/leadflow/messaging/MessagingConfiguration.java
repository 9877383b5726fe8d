package dev.leadflow.messaging;

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
    SendPolicy sendPolicy(QuietHours quietHours, FrequencyCap frequencyCap) {
        return new SendPolicy(quietHours, frequencyCap);
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
