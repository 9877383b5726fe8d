package dev.leadflow.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Fresh identities, so tests sharing one application never see each other's leads. */
public final class TestLeads {

    private static final long SUBSCRIBER_NUMBERS = 100_000_000L;
    /** Coprime with {@link #SUBSCRIBER_NUMBERS}: stepping by it visits every number once before any repeats. */
    private static final long STRIDE = 7_919_993L;
    private static final AtomicLong ISSUED =
            new AtomicLong(ThreadLocalRandom.current().nextLong(SUBSCRIBER_NUMBERS));

    private TestLeads() {
    }

    public static String newLeadId() {
        return "lead-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /**
     * A Brazilian mobile number in E.164, never issued before in this JVM: random numbers met twice in about
     * one run in fifty of a test with 2,000 leads, and two leads sharing a phone look like a double send.
     */
    public static String newPhone() {
        return "+55119" + nextSubscriberNumber();
    }

    /** A Japanese mobile number in E.164: its leads are served by the test profile's second channel. */
    public static String newJapanesePhone() {
        return "+8190" + nextSubscriberNumber();
    }

    private static String nextSubscriberNumber() {
        return String.format("%08d", Math.floorMod(ISSUED.getAndIncrement() * STRIDE, SUBSCRIBER_NUMBERS));
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
