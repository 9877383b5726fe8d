package dev.leadflow.experiments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Which variant a lead gets: a stable hash of experiment and lead, so every node, every restart and every
 * re-send of the lead lands on the same variant without asking anyone.
 */
final class Assignment {

    private Assignment() {
    }

    /** A number in [0, 1) that depends only on the experiment and the lead. */
    static double unit(String experimentId, String leadId) {
        byte[] digest = sha256(experimentId + "\u0000" + leadId);
        long top53 = ByteBuffer.wrap(digest).getLong() >>> 11;
        return top53 / (double) (1L << 53);
    }

    /** The variant whose share of the weights holds {@code unit}. */
    static <V> V pick(List<V> variants, ToDoubleFunction<V> weight, double unit) {
        double total = variants.stream().mapToDouble(weight).sum();
        double point = unit * total;
        double upTo = 0;
        for (V variant : variants) {
            upTo += weight.applyAsDouble(variant);
            if (point < upTo) {
                return variant;
            }
        }
        return variants.get(variants.size() - 1);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
