package dev.leadflow.whatsapp;

import java.util.Locale;

/**
 * Every kind of message and status Meta's webhook sends, and what each one does in Leadflow: whether it
 * counts as the lead replying (follow-ups stop, replies reach the flows), whether it opens the 24-hour
 * customer-service window of the business number it was sent to, and what the timeline shows. This is the
 * table of docs/inbound.md; a test keeps the two equal. A kind Meta adds later is {@link #UNKNOWN}: stored,
 * shown, and never taken for a reply.
 */
enum InboundKind {

    TEXT("text", true, true, "the text"),
    IMAGE("image", true, true, "image, with its caption"),
    AUDIO("audio", true, true, "audio or voice note"),
    VIDEO("video", true, true, "video, with its caption"),
    DOCUMENT("document", true, true, "document, with its file name and caption"),
    STICKER("sticker", true, true, "sticker"),
    LOCATION("location", true, true, "location, with its name and address"),
    CONTACTS("contacts", true, true, "shared contacts, by name"),
    BUTTON_REPLY("interactive/button_reply", true, true, "tapped button title (and its id)"),
    LIST_REPLY("interactive/list_reply", true, true, "chosen list row title (and its id)"),
    FLOW_REPLY("interactive/nfm_reply", true, true, "WhatsApp Flow answer: its fields"),
    QUICK_REPLY("button", true, true, "tapped template button text (and its payload)"),
    REACTION("reaction", true, true, "reaction emoji, and the message it reacts to"),
    REACTION_REMOVED("reaction (no emoji)", false, false, "reaction removed"),
    ORDER("order", true, true, "order: item count and catalog"),
    UNSUPPORTED("unsupported / unknown", true, true, "a message WhatsApp does not pass on, with Meta's error"),
    EDIT("edit", false, false, "edit of an earlier message, with the new text"),
    REVOKE("revoke", false, false, "deletion of an earlier message"),
    REQUEST_WELCOME("request_welcome", false, false, "the user opened the chat for the first time"),
    NUMBER_CHANGED("system/user_changed_number (customer_changed_number)", false, false,
            "number changed from the old to the new number; the lead's phone follows"),
    USER_ID_CHANGED("system/user_changed_user_id", false, false,
            "business-scoped user id changed; the lead keeps the new one"),
    IDENTITY_CHANGED("system/customer_identity_changed (user_identity_changed)", false, false,
            "the user's identity (security code) changed"),
    SYSTEM_OTHER("system (any other)", false, false, "WhatsApp's notice, its body"),
    UNKNOWN("(any other type)", false, false, "the kind's name: stored, shown, not a reply"),
    STATUS_SENT("status sent", false, false, "nothing of its own (the message was sent already)"),
    STATUS_DELIVERED("status delivered", false, false, "message delivered"),
    STATUS_READ("status read", false, false, "message read"),
    STATUS_FAILED("status failed", false, false, "message failed, with Meta's error code and details"),
    STATUS_UNKNOWN("status (any other)", false, false, "nothing; the delivery is kept as not understood");

    private final String wire;
    private final boolean countsAsReply;
    private final boolean opensWindow;
    private final String timelineShows;

    InboundKind(String wire, boolean countsAsReply, boolean opensWindow, String timelineShows) {
        this.wire = wire;
        this.countsAsReply = countsAsReply;
        this.opensWindow = opensWindow;
        this.timelineShows = timelineShows;
    }

    /** How the kind appears in Meta's payload (message {@code type}, subtype, or status). */
    String wire() {
        return wire;
    }

    boolean countsAsReply() {
        return countsAsReply;
    }

    boolean opensWindow() {
        return opensWindow;
    }

    String timelineShows() {
        return timelineShows;
    }

    /** A message's kind from its {@code type} and, where the type has them, its subtype fields. */
    static InboundKind ofMessage(String type, String subtype, boolean emptyReaction) {
        return switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "image" -> IMAGE;
            case "audio", "voice" -> AUDIO;
            case "video" -> VIDEO;
            case "document" -> DOCUMENT;
            case "sticker" -> STICKER;
            case "location" -> LOCATION;
            case "contacts" -> CONTACTS;
            case "interactive" -> switch (subtype == null ? "" : subtype) {
                case "button_reply" -> BUTTON_REPLY;
                case "list_reply" -> LIST_REPLY;
                case "nfm_reply" -> FLOW_REPLY;
                default -> UNKNOWN;
            };
            case "button" -> QUICK_REPLY;
            case "reaction" -> emptyReaction ? REACTION_REMOVED : REACTION;
            case "order" -> ORDER;
            case "unsupported", "unknown" -> UNSUPPORTED;
            case "edit" -> EDIT;
            case "revoke" -> REVOKE;
            case "request_welcome" -> REQUEST_WELCOME;
            case "system" -> switch (subtype == null ? "" : subtype) {
                case "user_changed_number", "customer_changed_number" -> NUMBER_CHANGED;
                case "user_changed_user_id" -> USER_ID_CHANGED;
                case "customer_identity_changed", "user_identity_changed" -> IDENTITY_CHANGED;
                default -> SYSTEM_OTHER;
            };
            default -> UNKNOWN;
        };
    }

    boolean isSystem() {
        return this == NUMBER_CHANGED || this == USER_ID_CHANGED || this == IDENTITY_CHANGED || this == SYSTEM_OTHER;
    }
}
