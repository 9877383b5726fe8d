package dev.leadflow.whatsapp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.leadflow.messaging.SendFailedException;

/**
 * For operators: the messages of no known lead (a number no lead has, a username user whose business-scoped id
 * no lead carries yet), assigning one to its lead, and the media of any inbound message while Meta keeps it.
 */
@Service
public class UnmatchedInbox {

    private final InboundLog inbound;
    private final InboundReplies replies;
    private final CloudApiChannel cloudApi;

    UnmatchedInbox(InboundLog inbound, InboundReplies replies, CloudApiChannel cloudApi) {
        this.inbound = inbound;
        this.replies = replies;
        this.cloudApi = cloudApi;
    }

    /**
     * @param from     the sender's number (E.164), when Meta sent one
     * @param userId   the sender's business-scoped user id, when Meta sent one
     */
    public record Unmatched(String wamid, String kind, String channelId, String from, String userId, String username,
                            String summary, String mediaId, Instant occurredAt, Instant receivedAt) {
    }

    public List<Unmatched> list(int limit) {
        return inbound.unmatched(limit).stream().map(m -> new Unmatched(m.wamid(), m.kind(), m.channelId(), m.from(),
                m.userId(), m.username(), m.summary(), m.mediaId(), m.occurredAt(), m.receivedAt())).toList();
    }

    /**
     * The message becomes the lead's, with what it does for a message of the lead (docs/inbound.md).
     *
     * @return what it did; empty when the message is not in the inbox or the lead is unknown
     */
    public Optional<String> assign(String wamid, String leadId, String operator) {
        return replies.assign(wamid, leadId, operator).map(Enum::name);
    }

    /**
     * Meta's description of a media: its download URL (fetched with the same bearer token), MIME type, size
     * and hash.
     *
     * @return empty when Meta does not know it (any more)
     */
    public Optional<Map<String, Object>> media(String mediaId) {
        try {
            return Optional.ofNullable(cloudApi.media(mediaId));
        } catch (SendFailedException refused) {
            return Optional.empty();
        }
    }
}
