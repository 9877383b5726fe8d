package dev.leadflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonWriter;

class PhoneMaskingTest {

    @Test
    void masksE164NumbersAnywhereInTheText() {
        assertThat(PhoneMasking.mask("sent to +5511999990000, copy to +14155550123."))
                .isEqualTo("sent to +55*****00, copy to +14*****23.");
    }

    @Test
    void leavesOtherNumbersAlone() {
        assertThat(PhoneMasking.mask("wamid.HBgL 1772636400 +123 code 131000 id 100000000000001"))
                .isEqualTo("wamid.HBgL 1772636400 +123 code 131000 id 100000000000001");
        assertThat(PhoneMasking.mask(null)).isNull();
    }

    @Test
    void structuredLogsMaskEveryStringValue() {
        JsonWriter<Map<String, String>> writer = JsonWriter.of(members -> {
            members.add("message", map -> map.get("message"));
            members.add("leadId", map -> map.get("leadId"));
            applyMasking(members);
        });

        String json = writer.writeToString(Map.of("message", "reply from +5511999990000", "leadId", "lead-1"));

        assertThat(json).contains("reply from +55*****00").contains("lead-1").doesNotContain("999990000");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void applyMasking(JsonWriter.Members<?> members) {
        new MaskedJsonLogs().customize((JsonWriter.Members) members);
    }

    @Test
    void oneNumberOrWhatsAppIdIsMaskedAsInsideAText() {
        assertThat(PhoneMasking.maskNumber("+5511999990000")).isEqualTo("+55*****00");
        assertThat(PhoneMasking.maskNumber("5511987654321")).isEqualTo("+55*****21");
        assertThat(PhoneMasking.maskNumber("123")).isEqualTo("***");
        assertThat(PhoneMasking.maskNumber(null)).isEqualTo("***");
    }
}
