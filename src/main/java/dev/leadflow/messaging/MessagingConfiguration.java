package dev.leadflow.messaging;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.leadflow.messaging.ChannelProperties.Channel;
import dev.leadflow.messaging.MarketProperties.Market;
import dev.leadflow.messaging.TemplateCatalog.Template;
import jakarta.validation.Validation;

/** The messaging rules, built from configuration; a bad setting stops the start with its property name. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /*
     * leadflow.markets, .templates and .channels are a map or a list at their own key: each is bound at that key
     * (never at the bare leadflow prefix) and validated while it is bound, so a bad entry stops the start.
     */

    @Bean
    MarketProperties marketProperties(Environment environment) {
        return new MarketProperties(bind(environment, "leadflow.markets",
                Bindable.mapOf(String.class, Market.class)).orElse(null));
    }

    @Bean
    ChannelProperties channelProperties(Environment environment) {
        return new ChannelProperties(bind(environment, "leadflow.channels", Bindable.listOf(Channel.class))
                .orElse(null));
    }

    @Bean
    TemplateCatalog templateCatalog(Environment environment) {
        TemplateCatalog catalog = new TemplateCatalog();
        catalog.setTemplates(bind(environment, "leadflow.templates", Bindable.mapOf(String.class, Template.class))
                .orElse(Map.of()));
        return catalog;
    }

    static <T> Optional<T> bind(Environment environment, String name, Bindable<T> target) {
        BindHandler validating = new ValidationBindHandler(
                new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()));
        return Binder.get(environment).bind(name, target, validating).map(Optional::of)
                .orElse(Optional.empty());
    }

    @Bean
    QuietHours quietHours(MarketProperties markets) {
        return new QuietHours(markets.markets());
    }

    @Bean
    FrequencyCap frequencyCap(MessagingProperties properties) {
        return new FrequencyCap(properties.frequencyCaps());
    }

    @Bean
    SendPolicy sendPolicy(QuietHours quietHours, FrequencyCap frequencyCap, MessagingProperties properties) {
        return new SendPolicy(quietHours, frequencyCap, properties.awakeFor());
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
