package dev.leadflow.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh identities, so tests sharing one application never see each other's leads. */
public final class TestLeads {

    private TestLeads() {
    }

    public static String newLeadId() {
        return "lead-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A Brazilian mobile number in E.164, unique enough for one test run. */
    public static String newPhone() {
        return "+55119" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A Japanese mobile number in E.164: its leads are served by the test profile's second channel. */
    public static String newJapanesePhone() {
        return "+8190" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A consented lead in the given timezone (an IANA id). */
    public static String leadJsonIn(String phone, String timezone) {
        return """
                {"phone":"%s","name":"Ana","locale":"pt-BR","timezone":"%s","status":"New",
                 "consent":{"whatsapp":true},"owner":"maria","source":"ads"}""".formatted(phone, timezone);
    }

    public static String leadJson(String phone, boolean consent) {
        return """
                {"phone":"%s","name":"Ana","locale":"pt-BR","timezone":"America/Sao_Paulo","status":"New",
                 "consent":{"whatsapp":%s},"owner":"maria","source":"ads"}""".formatted(phone, consent);
    }
}
