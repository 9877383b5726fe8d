package dev.leadflow.hubspot;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's request signature v3: Base64 of HMAC-SHA256, under the app's client secret, of method, URI,
 * raw body and the {@code X-HubSpot-Request-Timestamp} (milliseconds) concatenated. A timestamp older than
 * five minutes is refused, so a captured request cannot be replayed later.
 */
final class HubSpotSignature {

    static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
    static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** The URL-encoded characters HubSpot decodes in the URI before signing it. */
    private static final Map<String, String> DECODED = Map.ofEntries(Map.entry("%3A", ":"), Map.entry("%2F", "/"),
            Map.entry("%3F", "?"), Map.entry("%40", "@"), Map.entry("%21", "!"), Map.entry("%24", "$"),
            Map.entry("%27", "'"), Map.entry("%28", "("), Map.entry("%29", ")"), Map.entry("%2A", "*"),
            Map.entry("%2C", ","), Map.entry("%3B", ";"));

    private HubSpotSignature() {
    }

    static String sign(String secret, String method, String uri, String body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] hash = mac.doFinal((method + decode(uri) + body + timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    static boolean verify(String secret, String method, String uri, String body, String timestamp, String signature,
                          Instant now) {
        if (secret == null || secret.isBlank() || timestamp == null || signature == null) {
            return false;
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.toEpochMilli() - millis) > MAX_AGE.toMillis()) {
            return false;
        }
        byte[] expected = sign(secret, method, uri, body, timestamp.strip()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String uri) {
        String decoded = uri;
        for (Map.Entry<String, String> entry : DECODED.entrySet()) {
            decoded = decoded.replace(entry.getKey(), entry.getValue())
                    .replace(entry.getKey().toLowerCase(java.util.Locale.ROOT), entry.getValue());
        }
        return decoded;
    }
}
