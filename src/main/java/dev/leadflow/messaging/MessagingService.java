package dev.leadflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.leadflow.coordination.Coordination;
import dev.leadflow.messaging.MessageLedger.PendingAttempt;
import dev.leadflow.messaging.TemplateCatalog.Template;

/**
 * The one boundary every send crosses. It resolves the template, applies the rules, and guarantees
 * that one idempotency key reaches the channel at most once: the attempt is committed as PENDING
 * before the request, under the lead's lock, and a unique key in the ledger stops any second writer.
 */
@Service
public class MessagingService {

    private static final Logger log = LoggerFactory.getLogger(MessagingService.class);
    private static final Duration SHORT_RATE_WAIT = Duration.ofMillis(250);

    private final RecipientDirectory recipients;
    private final TemplateCatalog catalog;
    private final MessageLedger ledger;
    private final OutboundChannel channel;
    private final Coordination coordination;
    private final MessagingProperties properties;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final SendObservers observers;

    MessagingService(RecipientDirectory recipients, TemplateCatalog catalog, MessageLedger ledger,
                     OutboundChannel channel, Coordination coordination, MessagingProperties properties,
                     Clock clock, PlatformTransactionManager transactionManager, SendObservers observers) {
        this.recipients = recipients;
        this.catalog = catalog;
        this.ledger = ledger;
        this.channel = channel;
        this.coordination = coordination;
        this.properties = properties;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.observers = observers;
    }

    /**
     * Sends the command's message unless it went out already or a rule forbids it.
     *
     * @throws RetryLaterException          when it may work later (the job is retried)
     * @throws PermanentSendFailureException when it will not work as configured (ops decide)
     */
    public SendOutcome send(SendCommand command) {
        SendOutcome outcome;
        try {
            outcome = decide(command);
        } catch (RuntimeException failure) {
            observers.refused(command, failure);
            throw failure;
        }
        observers.decided(command, outcome);
        return outcome;
    }

    private SendOutcome decide(SendCommand command) {
        String key = command.idempotencyKey();
        Optional<MessageAttempt> earlier = ledger.findByKey(key);
        if (earlier.isPresent() && earlier.get().status().accepted()) {
            return SendOutcome.alreadySent(key, earlier.get().wamid());
        }
        Optional<Recipient> found = recipients.find(command.leadId());
        if (found.isEmpty()) {
            return SendOutcome.skipped(key, "unknown lead");
        }
        Recipient lead = found.get();
        if (!lead.consented()) {
            return SendOutcome.skipped(key, "no WhatsApp consent");
        }
        Template template = catalog.get(command.templateKey());
        String language = template.languageFor(lead.locale()).orElseThrow(() -> new PermanentSendFailureException(
                "Template '" + command.templateKey() + "' has no language for locale " + lead.locale(), null));
        List<String> parameters = TemplateParameters.bind(command.templateKey(), template.getParameters(), lead,
                command.values());
        List<String> quickReplies = TemplateParameters.bind(command.templateKey(), template.getQuickReplies(), lead,
                command.values());
        OutboundMessage message = new OutboundMessage(channel.defaultChannelId(), lead.phone(), template.getName(),
                language, parameters, quickReplies, key);
        PendingAttempt attempt = new PendingAttempt(key, lead.leadId(), command.flow(), command.step(),
                command.templateKey(), template.getName(), language, template.getCategory().wireName(),
                message.channelId(), lead.phone());

        return coordination.withLeadLock(lead.leadId(), properties.leadLockWait(),
                        () -> sendUnderLock(attempt, template, message))
                .orElseThrow(() -> new RetryLaterException("another send of this lead is in progress"));
    }

    private SendOutcome sendUnderLock(PendingAttempt pending, Template template, OutboundMessage message) {
        Optional<MessageAttempt> existing = ledger.findByKey(pending.idempotencyKey());
        if (existing.isPresent()) {
            MessageAttempt attempt = existing.get();
            if (attempt.status().accepted()) {
                return SendOutcome.alreadySent(attempt.idempotencyKey(), attempt.wamid());
            }
            checkMaySendAgain(attempt, template);
        }
        waitForChannelToken(message.channelId());
        MessageAttempt attempt = claim(pending, existing);
        try {
            ChannelReceipt receipt = channel.send(message);
            inOwnTransaction(() -> ledger.markAccepted(attempt.id(), receipt.messageId(), now()));
            return SendOutcome.sent(attempt.idempotencyKey(), receipt.messageId());
        } catch (SendFailedException e) {
            return handleFailure(attempt, e);
        }
    }

    private void checkMaySendAgain(MessageAttempt attempt, Template template) {
        switch (attempt.status()) {
            case FAILED -> throw new PermanentSendFailureException(
                    "Meta reported this message failed (" + attempt.errorCode() + "): " + attempt.errorDetail(),
                    attempt.errorCode());
            case PENDING -> {
                Duration age = Duration.between(attempt.updatedAt(), now());
                if (age.compareTo(properties.ambiguityQuietPeriod()) < 0) {
                    throw new RetryLaterException("the outcome of an earlier request is unknown; waiting "
                            + properties.ambiguityQuietPeriod() + " for its status before deciding");
                }
                if (template.getCategory() != TemplateCatalog.Category.UTILITY || attempt.requests() > 1) {
                    throw new PermanentSendFailureException("no status arrived for an ambiguous request within "
                            + properties.ambiguityQuietPeriod() + "; sending again could duplicate it", null);
                }
                log.info("Ambiguous attempt {} got no status in {}: a utility message is sent once more",
                        attempt.id(), properties.ambiguityQuietPeriod());
            }
            default -> {
                // REJECTED: the API refused it, so sending again cannot duplicate it
            }
        }
    }

    private MessageAttempt claim(PendingAttempt pending, Optional<MessageAttempt> existing) {
        boolean claimed = inOwnTransaction(() -> existing
                .map(attempt -> ledger.reopen(attempt, now()))
                .orElseGet(() -> ledger.insertPending(pending, now())));
        if (!claimed) {
            throw new RetryLaterException("another node claimed this message at the same moment");
        }
        return ledger.findByKey(pending.idempotencyKey()).orElseThrow();
    }

    private SendOutcome handleFailure(MessageAttempt attempt, SendFailedException e) {
        String detail = "(" + e.errorCode() + ") " + e.getMessage();
        switch (e.kind()) {
            case AMBIGUOUS -> {
                inOwnTransaction(() -> ledger.markAmbiguous(attempt.id(), e.getMessage(), now()));
                throw new RetryLaterException("the Cloud API's answer was lost (" + e.getMessage()
                        + "); waiting for a status webhook before deciding", e);
            }
            case PERMANENT, MARKETING_STOPPED -> {
                inOwnTransaction(() -> ledger.markRejected(attempt.id(), e.errorCode(), e.getMessage(), now()));
                throw new PermanentSendFailureException("the Cloud API refused the message " + detail, e.errorCode());
            }
            default -> {
                inOwnTransaction(() -> ledger.markRejected(attempt.id(), e.errorCode(), e.getMessage(), now()));
                throw new RetryLaterException("the Cloud API refused the message for now " + detail, e);
            }
        }
    }

    private void waitForChannelToken(String channelId) {
        Optional<Duration> wait = coordination.tryTakeChannelToken(channelId, properties.channelRatePerSecond());
        long deadline = System.nanoTime() + SHORT_RATE_WAIT.toNanos();
        while (wait.isPresent()) {
            if (System.nanoTime() + wait.get().toNanos() > deadline) {
                throw new RetryLaterException("channel " + channelId + " is at its rate limit");
            }
            pause(wait.get());
            wait = coordination.tryTakeChannelToken(channelId, properties.channelRatePerSecond());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLaterException("interrupted while waiting for the channel's rate limit");
        }
    }

    private <T> T inOwnTransaction(java.util.function.Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    private void inOwnTransaction(Runnable work) {
        ownTransaction.executeWithoutResult(status -> work.run());
    }

    private Instant now() {
        return clock.instant();
    }
}
