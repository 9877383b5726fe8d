package dev.leadflow.messaging;

/** When a marketing send goes: as its step and the best-hour settings say, at once, or at the lead's best hour. */
public enum SendTiming {
    STEP, AT_ONCE, BEST_HOUR
}
