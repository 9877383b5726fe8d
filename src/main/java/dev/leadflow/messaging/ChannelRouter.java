package dev.leadflow.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks the business phone number a lead is written from: the configured channel whose selectors
 * (market, brand, owner) all match the lead, the one with most selectors winning and the first declared
 * breaking ties; the default channel when none matches.
 */
final class ChannelRouter {

    /** A channel as the send path needs it. */
    record Route(String id, String name, int ratePerSecond) {
    }

    private record Rule(Route route, Set<String> markets, Set<String> brands, Set<String> owners) {

        int specificity() {
            return (markets.isEmpty() ? 0 : 1) + (brands.isEmpty() ? 0 : 1) + (owners.isEmpty() ? 0 : 1);
        }

        boolean matches(String market, String brand, String owner) {
            return matches(markets, market) && matches(brands, brand) && matches(owners, owner);
        }

        private static boolean matches(Set<String> selector, String value) {
            return selector.isEmpty() || (value != null && selector.contains(value.toLowerCase(Locale.ROOT)));
        }
    }

    private final Route defaultRoute;
    private final List<Rule> rules = new ArrayList<>();

    ChannelRouter(List<ChannelProperties.Channel> channels, String defaultChannelId, int defaultRatePerSecond) {
        this.defaultRoute = new Route(defaultChannelId, "default", defaultRatePerSecond);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            ChannelProperties.Channel channel = channels.get(i);
            String where = "leadflow.channels[" + i + "]";
            if (channel.id() == null || channel.id().isBlank()) {
                throw new IllegalStateException(where + ".id (the phone-number id) is missing");
            }
            if (!ids.add(channel.id())) {
                throw new IllegalStateException(where + ".id " + channel.id() + " is listed twice");
            }
            int rate = channel.ratePerSecond() == null ? defaultRatePerSecond : channel.ratePerSecond();
            if (rate < 1) {
                throw new IllegalStateException(where + ".rate-per-second must be at least 1");
            }
            String name = channel.name() == null || channel.name().isBlank() ? channel.id() : channel.name();
            rules.add(new Rule(new Route(channel.id(), name, rate), lower(channel.markets()), lower(channel.brands()),
                    lower(channel.owners())));
        }
    }

    Route pick(String market, String brand, String owner) {
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.matches(market, brand, owner) && (best == null || rule.specificity() > best.specificity())) {
                best = rule;
            }
        }
        return best == null ? defaultRoute : best.route();
    }

    /** Every channel, the default first. */
    Collection<Route> all() {
        Map<String, Route> all = new LinkedHashMap<>();
        all.put(defaultRoute.id(), defaultRoute);
        rules.forEach(rule -> all.putIfAbsent(rule.route().id(), rule.route()));
        return all.values();
    }

    private static Set<String> lower(List<String> values) {
        Set<String> lowered = new HashSet<>();
        if (values != null) {
            values.forEach(value -> lowered.add(value.toLowerCase(Locale.ROOT)));
        }
        return lowered;
    }
}
