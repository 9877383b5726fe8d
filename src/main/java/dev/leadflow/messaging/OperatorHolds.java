package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.SendHolds.Kind;

/**
 * What operators hold back: they pause and resume a channel or a Meta template, see what is held and why,
 * and mark a lead's number as one that cannot receive WhatsApp messages.
 */
@Service
public class OperatorHolds {

    private static final Logger log = LoggerFactory.getLogger(OperatorHolds.class);

    public enum PausableSubject {
        CHANNEL(Kind.CHANNEL, "channel"), TEMPLATE(Kind.TEMPLATE, "template");

        private final Kind kind;
        private final String label;

        PausableSubject(Kind kind, String label) {
            this.kind = kind;
            this.label = label;
        }
    }

    /** @param pausedBy the operator, or null when Meta's refusals hold it */
    public record HeldSubject(PausableSubject type, String id, String reason, Integer errorCode, Instant since,
                              String pausedBy) {
    }

    private final SendHolds holds;
    private final ChannelRouter channels;
    private final TemplateCatalog catalog;
    private final RecipientDirectory recipients;
    private final OwnTransaction ownTransaction;
    private final Clock clock;

    OperatorHolds(SendHolds holds, ChannelRouter channels, TemplateCatalog catalog, RecipientDirectory recipients,
                  OwnTransaction ownTransaction, Clock clock) {
        this.holds = holds;
        this.channels = channels;
        this.catalog = catalog;
        this.recipients = recipients;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
    }

    /**
     * An operator pauses a channel (its phone-number id) or a Meta template (its name): its sends wait,
     * deferred, until the operator resumes it; none is dropped.
     *
     * @throws OpsRequestException unknown subject, or already paused by an operator
     */
    public void pause(PausableSubject subject, String id, String operator, String reason) {
        Kind kind = known(subject, id);
        if (!ownTransaction.run(() -> holds.pauseByOperator(kind, id, operator, reason, clock.instant()))) {
            throw OpsRequestException.notApplicable(subject.label + " " + id + " is already paused by an operator");
        }
        log.warn("{} {} paused by operator {}: its sends wait until it is resumed", subject.label, id, operator);
    }

    /**
     * Lifts the hold on a channel or template, the operator's or one Meta's refusals set; its held sends go
     * at their next check.
     *
     * @return the hold that was lifted
     * @throws OpsRequestException unknown subject, or nothing holds it
     */
    public String resume(PausableSubject subject, String id, String operator) {
        Kind kind = known(subject, id);
        Optional<Hold> hold = holds.find(kind, id);
        if (hold.isEmpty() || !ownTransaction.run(() -> holds.lift(kind, id))) {
            throw OpsRequestException.notApplicable(subject.label + " " + id + " is not paused");
        }
        log.warn("{} {} resumed by operator {} (it was held: {})", subject.label, id, operator, hold.get().reason());
        return hold.get().reason();
    }

    /** The channels and templates an operator has paused or Meta's refusals hold now, with why. */
    public List<HeldSubject> heldSubjects() {
        return Stream.of(PausableSubject.values())
                .flatMap(subject -> holds.all(subject.kind).stream().map(hold -> new HeldSubject(subject,
                        hold.subject(), hold.reason(), hold.errorCode(), hold.since(), hold.pausedBy())))
                .toList();
    }

    /** An operator decided the lead's number cannot receive WhatsApp messages. */
    public void markNumberInvalid(String leadId, String why) {
        recipients.find(leadId).ifPresent(lead -> {
            ownTransaction.run(() -> recipients.recordUndeliverable(leadId, lead.phone(), clock.instant()));
            log.info("Lead {}: number marked undeliverable by an operator ({})", leadId, why);
        });
    }

    private Kind known(PausableSubject subject, String id) {
        boolean known = subject == PausableSubject.CHANNEL
                ? channels.all().stream().anyMatch(route -> route.id().equals(id))
                : catalog.getTemplates().values().stream().anyMatch(template -> id.equals(template.getName()));
        if (!known) {
            throw OpsRequestException.unknown("no " + subject.label + " " + id + " is configured");
        }
        return subject.kind;
    }
}
