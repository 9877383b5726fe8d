package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.SendHolds.Kind;

/**
 * A message Meta accepted may fail later, reported by a status webhook. Its error code teaches the same
 * lessons as a refusal at send time: the lead stopped marketing, the number is undeliverable, the lead
 * reached its marketing limit, the template was paused. The step that sent it is over; the next sends
 * obey what was learnt.
 */
@Component
class FailedStatusRules {

    private static final Logger log = LoggerFactory.getLogger(FailedStatusRules.class);

    private final OutboundChannel channel;
    private final RecipientDirectory recipients;
    private final SendHolds holds;
    private final SendBackoff backoff;
    private final MessagingProperties properties;
    private final Clock clock;

    FailedStatusRules(OutboundChannel channel, RecipientDirectory recipients, SendHolds holds, SendBackoff backoff,
                      MessagingProperties properties, Clock clock) {
        this.channel = channel;
        this.recipients = recipients;
        this.holds = holds;
        this.backoff = backoff;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void onStatusChanged(MessageStatusChanged event) {
        StatusReport report = event.report();
        if (report.status() != AttemptStatus.FAILED || report.errorCode() == null) {
            return;
        }
        MessageAttempt attempt = event.attempt();
        int code = report.errorCode();
        String detail = "(" + code + ") " + report.errorDetail();
        Instant now = clock.instant();
        switch (channel.classify(code)) {
            case MARKETING_STOPPED -> {
                recipients.recordMarketingStopped(attempt.leadId(), now);
                log.info("Lead {} stopped marketing messages (131050, reported late): no marketing until it opts in",
                        attempt.leadId());
            }
            case RECIPIENT_UNDELIVERABLE -> {
                recipients.recordUndeliverable(attempt.leadId(), attempt.recipient(), now);
                log.warn("Lead {}: its number cannot receive WhatsApp messages {}; nothing more is sent to it",
                        attempt.leadId(), detail);
            }
            case MARKETING_LIMITED -> holds.strike(Kind.MARKETING, attempt.leadId(), code, detail, now,
                    strike -> backoff.marketingLimit(strike).orElse(Duration.ZERO));
            case RECIPIENT_PACED -> holds.strike(Kind.RECIPIENT, attempt.recipient(), code, detail, now,
                    SendBackoff::pairRateLimit);
            case TEMPLATE_PAUSED -> {
                holds.strike(Kind.TEMPLATE, attempt.templateName(), code, detail, now,
                        strike -> properties.templatePauseProbe());
                log.error("ALERT template {} is paused or disabled by Meta {}: its sends wait; fix it in WhatsApp "
                        + "Manager", attempt.templateName(), detail);
            }
            case CHANNEL_AUTH -> {
                holds.strike(Kind.CHANNEL, attempt.channelId(), code, detail, now,
                        strike -> properties.channelPauseProbe());
                log.error("ALERT channel {} refused our credentials {}: it stops sending", attempt.channelId(), detail);
            }
            default -> {
                // the failure is in the ledger and the timeline; nothing to learn for the next sends
            }
        }
    }
}
