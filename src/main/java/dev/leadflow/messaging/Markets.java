package dev.leadflow.messaging;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** A lead's market: the country of its phone number, else the country of its locale (ISO 3166 code). */
final class Markets {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Markets() {
    }

    static Optional<String> of(String e164, String locale) {
        if (e164 != null && !e164.isBlank()) {
            try {
                String region = PHONES.getRegionCodeForNumber(PHONES.parse(e164, "ZZ"));
                if (region != null && !"ZZ".equals(region)) {
                    return Optional.of(region);
                }
            } catch (NumberParseException e) {
                // fall back to the locale
            }
        }
        if (locale != null && !locale.isBlank()) {
            String country = Locale.forLanguageTag(locale.replace('_', '-')).getCountry();
            if (!country.isEmpty()) {
                return Optional.of(country.toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
