package dev.leadflow.crmevents;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a delivery: {@code v1=} and the hex HMAC-SHA256, under the subscription's secret, of the
 * timestamp header's value, a dot, and the raw body. Signing the timestamp with the body is what lets a
 * receiver refuse a replayed request: an old request cannot be given a fresh timestamp.
 */
public final class EventSignature {

    public static final String SIGNATURE_HEADER = "Leadflow-Signature";
    public static final String TIMESTAMP_HEADER = "Leadflow-Timestamp";
    public static final String EVENT_ID_HEADER = "Leadflow-Event-Id";
    public static final String EVENT_TYPE_HEADER = "Leadflow-Event-Type";
    /** How old a timestamp a receiver should still accept (also the verification below). */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private EventSignature() {
    }

    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** What a receiver does: the signature matches and the timestamp is within the tolerance of now. */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, String body,
                                 Instant now) {
        if (timestampHeader == null || signatureHeader == null || body == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signatureHeader.strip().getBytes(StandardCharsets.UTF_8));
    }
}
