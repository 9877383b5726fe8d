package dev.leadflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.SendHolds.Kind;

/**
 * The one table of what a refusal teaches the next sends, whether the Cloud API refused a request at once
 * or a failed-status webhook reported it later: the lead stopped marketing, the number is undeliverable,
 * the recipient or its marketing must wait, the template or the channel is paused (with an ALERT). Which
 * error code is which kind is the channel's business ({@link OutboundChannel#classify}).
 */
@Component
class FailureLessons {

    private static final Logger log = LoggerFactory.getLogger(FailureLessons.class);

    /**
     * One refusal, with what the lessons need to know about the message.
     *
     * @param detail       "(code) Meta's text"
     * @param channelLabel the channel as an operator knows it, for the alert
     */
    record Refusal(FailureKind kind, Integer errorCode, String detail, String leadId, String recipient,
                   String templateName, String channelId, String channelLabel) {
    }

    private final RecipientDirectory recipients;
    private final SendHolds holds;
    private final SendBackoff backoff;
    private final MessagingProperties properties;

    FailureLessons(RecipientDirectory recipients, SendHolds holds, SendBackoff backoff,
                   MessagingProperties properties) {
        this.recipients = recipients;
        this.holds = holds;
        this.backoff = backoff;
        this.properties = properties;
    }

    /**
     * Records what the refusal teaches, in the caller's transaction.
     *
     * @return the hold it set or extended, for a refusal that makes a subject wait
     */
    Optional<Hold> learn(Refusal refusal, Instant now) {
        return switch (refusal.kind()) {
            case MARKETING_STOPPED -> {
                recipients.recordMarketingStopped(refusal.leadId(), now);
                log.info("Lead {} stopped marketing messages {}: no marketing until it opts in again",
                        refusal.leadId(), refusal.detail());
                yield Optional.empty();
            }
            case RECIPIENT_UNDELIVERABLE -> {
                recipients.recordUndeliverable(refusal.leadId(), refusal.recipient(), now);
                log.warn("Lead {}: its number cannot receive WhatsApp messages {}; nothing more is sent to it",
                        refusal.leadId(), refusal.detail());
                yield Optional.empty();
            }
            case MARKETING_LIMITED -> Optional.of(strike(Kind.MARKETING, refusal.leadId(), refusal, now,
                    strike -> backoff.marketingLimit(strike).orElse(Duration.ZERO)));
            case RECIPIENT_PACED -> Optional.of(strike(Kind.RECIPIENT, refusal.recipient(), refusal, now,
                    SendBackoff::pairRateLimit));
            case TEMPLATE_PAUSED -> {
                Hold hold = strike(Kind.TEMPLATE, refusal.templateName(), refusal, now,
                        strike -> properties.templatePauseProbe());
                log.error("ALERT template {} is paused or disabled by Meta {}: its sends wait; fix it in WhatsApp "
                        + "Manager", refusal.templateName(), refusal.detail());
                yield Optional.of(hold);
            }
            case CHANNEL_AUTH -> {
                Hold hold = strike(Kind.CHANNEL, refusal.channelId(), refusal, now,
                        strike -> properties.channelPauseProbe());
                log.error("ALERT channel {} refused our credentials {}: it stops sending; its sends wait until"
                        + " a probe at {} gets through", refusal.channelLabel(), refusal.detail(), hold.until());
                yield Optional.of(hold);
            }
            // nothing to learn for the next sends: the failure is in the ledger and the timeline
            default -> Optional.empty();
        };
    }

    private Hold strike(Kind kind, String subject, Refusal refusal, Instant now,
                        java.util.function.IntFunction<Duration> waitFor) {
        return holds.strike(kind, subject, refusal.errorCode(), refusal.detail(), now, waitFor);
    }
}
