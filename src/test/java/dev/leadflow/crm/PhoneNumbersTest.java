package dev.leadflow.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} with locale {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "'+55 (11) 99999-0000', null,  +5511999990000",
            "'+5511999990000',      en-US, +5511999990000",
            "'(11) 99999-0000',     pt-BR, +5511999990000",
            "'0049 30 1234567',     de-DE, +49301234567",
            "'+1 650-555-1234',     null,  +16505551234",
            "'12ab',                pt-BR, null",
            "'(11) 99999-0000',     null,  null",
            "'+55',                 null,  null",
            "'',                    null,  null",
            "'call me maybe',       null,  null"})
    void normalisesToE164OrRefuses(String raw, String locale, String expected) {
        assertThat(PhoneNumbers.toE164(raw, locale, "").orElse(null)).isEqualTo(expected);
    }
}
