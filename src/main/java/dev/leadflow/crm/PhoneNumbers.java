package dev.leadflow.crm;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises phone numbers in any human format to E.164. A number without a country code is read in
 * the lead's country (from its locale, e.g. pt-BR), else in the configured default region.
 */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    static Optional<String> toE164(String raw, String locale, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.chars().anyMatch(Character::isLetter)) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw, regionFor(locale, defaultRegion));
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static String regionFor(String locale, String defaultRegion) {
        if (locale != null && !locale.isBlank()) {
            String country = Locale.forLanguageTag(locale.replace('_', '-')).getCountry();
            if (!country.isEmpty()) {
                return country;
            }
        }
        return defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT);
    }
}
