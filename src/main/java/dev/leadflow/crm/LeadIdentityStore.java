package dev.leadflow.crm;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.leadflow.messaging.LeadIdentities;

/** The lead's WhatsApp identities beside its number, kept on the lead (see V19_1). */
@Repository
class LeadIdentityStore implements LeadIdentities {

    private static final Logger log = LoggerFactory.getLogger(LeadIdentityStore.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    LeadIdentityStore(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public Optional<String> leadOfUserId(String userId) {
        return jdbc.sql("select lead_id from lead where wa_user_id = ? order by updated_at desc")
                .param(userId).query(String.class).list().stream().findFirst();
    }

    @Override
    public void recordIdentity(String leadId, String userId, String username) {
        if (userId != null) {
            jdbc.sql("update lead set wa_user_id = ? where lead_id = ? and (wa_user_id is null or wa_user_id <> ?)")
                    .params(userId, leadId, userId).update();
        }
        if (username != null) {
            jdbc.sql("update lead set wa_username = ? where lead_id = ? and (wa_username is null or wa_username <> ?)")
                    .params(username, leadId, username).update();
        }
    }

    @Override
    public Optional<String> changeNumber(String leadId, String newPhone, Instant at) {
        Optional<String> old = jdbc.sql("select phone from lead where lead_id = ? for update").param(leadId)
                .query(String.class).optional();
        if (old.isEmpty() || old.get().equals(newPhone)) {
            return Optional.empty();
        }
        jdbc.sql("update lead set phone = ?, updated_at = ? where lead_id = ?")
                .params(newPhone, at.atOffset(ZoneOffset.UTC), leadId).update();
        log.info("Lead {}: WhatsApp number changed from {} to {}", leadId, old.get(), newPhone);
        events.publishEvent(new LeadPhoneChanged(leadId, old.get(), newPhone, at));
        return old;
    }

    @Override
    public void recordFirstAdReferral(String leadId, AdReferral referral, String wamid, Instant at) {
        boolean known = jdbc.sql("select count(*) from lead_ad_referral where lead_id = ?").param(leadId)
                .query(Long.class).single() > 0;
        if (known) {
            return;
        }
        jdbc.sql("""
                        insert into lead_ad_referral (lead_id, source_id, source_type, source_url, headline, ctwa_clid,
                            wamid, referred_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(leadId, referral.sourceId(), referral.sourceType(), referral.sourceUrl(), referral.headline(),
                        referral.ctwaClid(), wamid, at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** What the lead API shows of the lead's WhatsApp identities and first ad. */
    Optional<WhatsAppIdentity> identityOf(String leadId) {
        return jdbc.sql("""
                        select l.wa_user_id, l.wa_username, r.source_id, r.source_type, r.source_url, r.headline,
                            r.ctwa_clid, r.referred_at
                        from lead l left join lead_ad_referral r on r.lead_id = l.lead_id where l.lead_id = ?""")
                .param(leadId)
                .query((rs, n) -> new WhatsAppIdentity(rs.getString("wa_user_id"), rs.getString("wa_username"),
                        rs.getObject("referred_at") == null ? null : new FirstAd(rs.getString("source_id"),
                                rs.getString("source_type"), rs.getString("source_url"), rs.getString("headline"),
                                rs.getString("ctwa_clid"),
                                rs.getObject("referred_at", java.time.OffsetDateTime.class).toInstant())))
                .optional()
                .filter(identity -> identity.userId() != null || identity.username() != null
                        || identity.firstAd() != null);
    }

    record WhatsAppIdentity(String userId, String username, FirstAd firstAd) {
    }

    record FirstAd(String sourceId, String sourceType, String sourceUrl, String headline, String ctwaClid,
                   Instant at) {
    }
}
