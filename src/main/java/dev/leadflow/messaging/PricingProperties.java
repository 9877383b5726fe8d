package dev.leadflow.messaging;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Meta's rate card as Leadflow prices delivered messages: per category (marketing, utility, authentication,
 * service) and market (the recipient's country, e.g. BR; {@code default} for the others), in one currency.
 * Meta charges per delivered template message the status webhook calls billable; what it does not bill
 * (service replies, utility inside an open window) costs nothing whatever the card says.
 */
@ConfigurationProperties(prefix = "leadflow.pricing")
public record PricingProperties(String currency, Map<String, Map<String, BigDecimal>> rates) {

    static final String DEFAULT_MARKET = "default";

    public PricingProperties {
        currency = currency == null || currency.isBlank() ? "USD" : currency;
        Map<String, Map<String, BigDecimal>> normalised = new TreeMap<>();
        if (rates != null) {
            rates.forEach((category, byMarket) -> {
                Map<String, BigDecimal> markets = new TreeMap<>();
                byMarket.forEach((market, rate) -> {
                    if (rate == null || rate.signum() < 0) {
                        throw new IllegalStateException("leadflow.pricing.rates." + category + "." + market
                                + " must be a rate of zero or more");
                    }
                    markets.put(market.equalsIgnoreCase(DEFAULT_MARKET) ? DEFAULT_MARKET
                            : market.toUpperCase(Locale.ROOT), rate);
                });
                normalised.put(category.toLowerCase(Locale.ROOT), markets);
            });
        }
        rates = normalised;
    }

    /** The price of one billable message of this category to this market; zero when the card has none. */
    BigDecimal rate(String category, String market) {
        Map<String, BigDecimal> byMarket = rates.getOrDefault(category == null ? "" : category.toLowerCase(Locale.ROOT),
                Map.of());
        BigDecimal rate = market == null ? null : byMarket.get(market.toUpperCase(Locale.ROOT));
        return rate != null ? rate : byMarket.getOrDefault(DEFAULT_MARKET, BigDecimal.ZERO);
    }
}
