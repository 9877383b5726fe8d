package dev.leadflow.crm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.flow.FlowConflicts;
import dev.leadflow.flow.FlowPort;
import dev.leadflow.observability.PhoneMasking;

/** Creates and updates leads from the CRM; a new consented lead starts its welcome flow. */
@Service
class LeadService {

    private static final Logger log = LoggerFactory.getLogger(LeadService.class);

    private final LeadDirectory directory;
    private final FlowPort flows;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final String defaultRegion;
    private final LeadStatusWords statusWords;

    LeadService(LeadDirectory directory, FlowPort flows, Clock clock, ObjectMapper json,
                PlatformTransactionManager transactionManager,
                PhoneProperties phone, LeadStatusWords statusWords) {
        this.statusWords = statusWords;
        this.directory = directory;
        this.flows = flows;
        this.clock = clock;
        this.json = json;
        this.transaction = new TransactionTemplate(transactionManager);
        this.defaultRegion = phone.defaultRegion();
    }

    record Result(Lead lead, boolean created) {
    }

    /**
     * Creates or updates the lead. Idempotent: the same request again changes nothing. Two concurrent
     * creations of one lead both see it created once (the loser of the insert retries as an update).
     */
    Result upsert(String leadId, LeadRequest request) {
        Lead incoming = normalise(leadId, request);
        // the CRM's word is kept as sent; one the status mapping does not know is reported here
        statusWords.leadStatusOrWord(incoming.status());
        String hash = hash(incoming);
        return FlowConflicts.retry(() -> {
            try {
                return transaction.execute(status -> upsertOnce(incoming, hash));
            } catch (DuplicateKeyException createdMeanwhile) {
                return transaction.execute(status -> upsertOnce(incoming, hash));
            }
        });
    }

    Lead get(String leadId) {
        return directory.find(leadId, false).orElseThrow(() -> new UnknownLeadException(leadId));
    }

    private Result upsertOnce(Lead incoming, String hash) {
        Instant now = clock.instant();
        Optional<Lead> existing = directory.find(incoming.leadId(), true);
        if (existing.isEmpty()) {
            // a consented lead is stored with its welcome started: one insert, no update and read-back after it
            Instant welcomeAt = incoming.consented() ? now : null;
            Lead created = withTimes(incoming, now, now, welcomeAt, welcomeAt);
            directory.insert(created, hash);
            log.info("Lead {} created ({})", created.leadId(), PhoneMasking.maskNumber(created.phone()));
            if (created.consented()) {
                flows.startWelcome(created.leadId());
            }
            return new Result(created, true);
        }
        Lead current = existing.get();
        if (directory.requestHash(current.leadId()).filter(hash::equals).isPresent()) {
            return new Result(current, false);
        }
        Instant consentAt = incoming.consentAt() != null ? incoming.consentAt()
                : incoming.consented() == current.consented() ? current.consentAt() : now;
        Lead updated = new Lead(current.leadId(), incoming.phone(), incoming.name(), incoming.locale(),
                incoming.timezone(), incoming.status(), incoming.consented(), consentAt, incoming.owner(),
                incoming.source(), incoming.attributes(), current.welcomeStartedAt(), current.lastInboundAt(),
                current.createdAt(), now);
        directory.update(updated, hash);
        if (current.consented() && !updated.consented()) {
            flows.leadOptedOut(updated.leadId());
        }
        return new Result(startWelcomeIfDue(updated, now), false);
    }

    private Lead startWelcomeIfDue(Lead lead, Instant now) {
        if (!lead.consented() || lead.welcomeStartedAt() != null) {
            return lead;
        }
        flows.startWelcome(lead.leadId());
        directory.markWelcomeStarted(lead.leadId(), now);
        return directory.find(lead.leadId(), false).orElseThrow();
    }

    private Lead normalise(String leadId, LeadRequest request) {
        String locale = request.locale();
        if (locale != null && !locale.isBlank()) {
            Locale parsed = Locale.forLanguageTag(locale.replace('_', '-'));
            if (parsed.getLanguage().isEmpty()) {
                throw new InvalidFieldException("locale", "not a language tag such as pt-BR: " + locale);
            }
            locale = parsed.toLanguageTag();
        }
        String timezone = request.timezone();
        if (timezone != null && !timezone.isBlank()) {
            try {
                timezone = ZoneId.of(timezone).getId();
            } catch (DateTimeException e) {
                throw new InvalidFieldException("timezone", "not an IANA time zone such as America/Sao_Paulo: " + timezone);
            }
        }
        String phone = PhoneNumbers.toE164(request.phone(), locale, defaultRegion).orElseThrow(() ->
                new InvalidFieldException("phone", "not a phone number (use international format, e.g. +55 11 99999-0000)"));
        Instant consentAt = request.consent() != null && request.consent().at() != null
                ? request.consent().at().toInstant() : null;
        return new Lead(leadId, phone, blankToNull(request.name()), locale, timezone, blankToNull(request.status()),
                request.consented(), consentAt, blankToNull(request.owner()), blankToNull(request.source()),
                request.attributes() == null ? Map.of() : new TreeMap<>(request.attributes()),
                null, null, null, null);
    }

    private static Lead withTimes(Lead lead, Instant createdAt, Instant updatedAt, Instant defaultConsentAt,
                                  Instant welcomeStartedAt) {
        return new Lead(lead.leadId(), lead.phone(), lead.name(), lead.locale(), lead.timezone(), lead.status(),
                lead.consented(), lead.consentAt() != null ? lead.consentAt() : defaultConsentAt, lead.owner(),
                lead.source(), lead.attributes(), welcomeStartedAt, null, createdAt, updatedAt);
    }

    /** The normalised content of a request, so "the same request again" is recognised whatever its format. */
    private String hash(Lead lead) {
        try {
            byte[] canonical = json.writeValueAsBytes(new Object[] {lead.phone(), lead.name(), lead.locale(),
                    lead.timezone(), lead.status(), lead.consented(), lead.consentAt(), lead.owner(), lead.source(),
                    lead.attributes()});
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
