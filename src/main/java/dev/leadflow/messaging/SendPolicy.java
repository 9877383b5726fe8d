package dev.leadflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.leadflow.messaging.FrequencyCap.RecentSend;
import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.SendHolds.Kind;
import dev.leadflow.messaging.TemplateCatalog.Category;
import dev.leadflow.messaging.TemplateCatalog.Template;

/**
 * Whether a message may go to a lead, and when: consent, a marketing stop and an undeliverable number say
 * never; quiet hours and Meta's holds on the recipient or its marketing say not now; the 24-hour window
 * says free-form text or a template; the frequency cap says not now for a template. It reads and writes
 * nothing itself: the caller hands it the facts, and a lookup for the holds it needs.
 */
final class SendPolicy {

    /** The hold of one subject, looked up only when a rule needs it. */
    @FunctionalInterface
    interface HoldLookup {
        Optional<Hold> find(Kind kind, String subject);
    }

    private final QuietHours quietHours;
    private final FrequencyCap frequencyCap;
    private final Duration awakeFor;

    SendPolicy(QuietHours quietHours, FrequencyCap frequencyCap) {
        this(quietHours, frequencyCap, Duration.ZERO);
    }

    /** @param awakeFor how long after its last message a lead is awake: quiet hours do not hold it (zero: never) */
    SendPolicy(QuietHours quietHours, FrequencyCap frequencyCap, Duration awakeFor) {
        this.quietHours = quietHours;
        this.frequencyCap = frequencyCap;
        this.awakeFor = awakeFor;
    }

    /** Rules that say "never" for this lead and category, whatever the time: the skip reason. */
    Optional<String> never(Recipient lead, Category category, boolean resendApproved) {
        if (!lead.consented()) {
            return Optional.of("no WhatsApp consent");
        }
        if (lead.marketingStopped() && category == Category.MARKETING) {
            return Optional.of("the lead stopped marketing messages in WhatsApp (131050) and has not opted in since");
        }
        if (lead.undeliverable() && !resendApproved) {
            return Optional.of("the lead's number cannot receive WhatsApp messages (131026 or marked by ops)");
        }
        return Optional.empty();
    }

    /**
     * Rules that say "not now": the lead's quiet hours (unless it is awake), then Meta's holds on the recipient
     * and its marketing.
     */
    Optional<Deferral> notNow(Recipient lead, Template template, String market, Instant now, HoldLookup holds) {
        Optional<Deferral> notNow = template.isIgnoreQuietHours() || awake(lead, now) ? Optional.empty()
                : quietHours.check(market, quietHours.zoneFor(lead.timezone(), market), now);
        if (notNow.isEmpty()) {
            notNow = activeHold(holds, Kind.RECIPIENT, lead.phone(), now, "the recipient's pair rate limit (131056)");
        }
        if (notNow.isEmpty() && template.getCategory() == Category.MARKETING) {
            notNow = activeHold(holds, Kind.MARKETING, lead.leadId(), now, "the lead's marketing limit (131049)");
        }
        return notNow;
    }

    /**
     * A lead that wrote within {@code awakeFor} is awake: a message may go now, inside the 24-hour window its
     * message opened, whatever the hour.
     */
    boolean awake(Recipient lead, Instant now) {
        Instant last = lead.lastInboundAt();
        return !awakeFor.isZero() && last != null && !last.isBefore(now.minus(awakeFor))
                && CustomerServiceWindow.isOpen(last, now);
    }

    /** The zone whose clock the lead's quiet hours follow. */
    java.time.ZoneId zoneOf(Recipient lead, String market) {
        return quietHours.zoneFor(lead.timezone(), market);
    }

    /** Whether a moment lies inside the lead's allowed hours for this template. */
    boolean inAllowedHours(Recipient lead, Template template, String market, Instant at) {
        return template.isIgnoreQuietHours() || quietHours.check(market, zoneOf(lead, market), at).isEmpty();
    }

    /**
     * Inside the lead's 24-hour window an entry with a text variant goes out as free-form text, unless
     * Meta refused that text already (131047): then the template, once.
     *
     * @param earlier the earlier attempt of the same key, if any
     * @return the text (parameters not yet filled in), or empty for the template
     */
    Optional<String> freeFormText(Recipient lead, Template template, Optional<MessageAttempt> earlier, Instant now) {
        boolean refusedBefore = earlier.filter(MessageAttempt::freeForm)
                .filter(a -> a.errorCode() != null && a.errorCode() == CustomerServiceWindow.REENGAGEMENT_REQUIRED)
                .isPresent();
        if (refusedBefore || !CustomerServiceWindow.isOpen(lead.lastInboundAt(), now)) {
            return Optional.empty();
        }
        return template.textFor(lead.locale());
    }

    /**
     * The frequency cap counts business-initiated messages: free-form text inside the window is not one,
     * so the lead's recent sends are looked up only for a template.
     */
    Optional<Deferral> overFrequencyCap(boolean freeForm, Category category, Supplier<List<RecentSend>> recentSends,
                                        Instant now) {
        return freeForm ? Optional.empty() : frequencyCap.check(category, recentSends.get(), now);
    }

    private static Optional<Deferral> activeHold(HoldLookup holds, Kind kind, String subject, Instant now,
                                                 String what) {
        return holds.find(kind, subject).filter(hold -> hold.until().isAfter(now))
                .map(hold -> new Deferral(hold.until(), what + ": " + hold.reason()));
    }
}
