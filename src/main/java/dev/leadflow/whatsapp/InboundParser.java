package dev.leadflow.whatsapp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.whatsapp.InboundMessage.AdReferral;

/**
 * Reads one of Meta's inbound messages (with its change's {@code metadata} and {@code contacts}) into an
 * {@link InboundMessage}: its kind, the text or tap that flows see, a short summary for the timeline (caption,
 * file name, location name, emoji, button title, Flow answer fields, order item count; never the sender's
 * numbers), the media id, the ad referral, and who sent it (number, business-scoped user id, username).
 */
final class InboundParser {

    private static final int SUMMARY_LENGTH = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private InboundParser() {
    }

    /** Empty when the message names neither its id nor a sender. */
    static Optional<InboundMessage> parse(JsonNode message, JsonNode value, Instant occurredAt) {
        String wamid = text(message, "id");
        JsonNode contact = contactOf(message, value.path("contacts"));
        String fromWaId = Optional.ofNullable(text(message, "from")).orElse(text(contact, "wa_id"));
        String fromUserId = Optional.ofNullable(text(message, "from_user_id")).orElse(text(contact, "user_id"));
        if (wamid == null || (fromWaId == null && fromUserId == null)) {
            return Optional.empty();
        }
        String type = Optional.ofNullable(text(message, "type")).orElse("unknown");
        JsonNode body = message.path(type);
        String subtype = switch (type) {
            case "interactive", "system" -> text(body, "type");
            default -> null;
        };
        boolean emptyReaction = "reaction".equals(type) && text(body, "emoji") == null;
        InboundKind kind = InboundKind.ofMessage(type, subtype, emptyReaction);
        Content content = kind == InboundKind.UNSUPPORTED ? Content.of("a message WhatsApp does not pass on"
                + unsupportedWhy(message)) : content(kind, type, body);
        return Optional.of(new InboundMessage(wamid, kind, type, text(value.path("metadata"), "phone_number_id"),
                fromWaId, fromUserId, text(contact.path("profile"), "username"), content.text(), content.payload(),
                shorten(content.summary()), mediaId(kind, body), contextOf(message, kind, body), referral(message),
                change(kind, body), occurredAt));
    }

    private record Content(String text, String payload, String summary) {

        static Content of(String summary) {
            return new Content(null, null, summary);
        }
    }

    private static Content content(InboundKind kind, String type, JsonNode body) {
        return switch (kind) {
            case TEXT -> new Content(text(body, "body"), null, text(body, "body"));
            case IMAGE, VIDEO -> new Content(text(body, "caption"), null, withCaption(type, body));
            case AUDIO -> Content.of(body.path("voice").asBoolean(false) ? "voice note" : "audio");
            case DOCUMENT -> new Content(text(body, "caption"), null, withCaption("document"
                    + (text(body, "filename") != null ? " " + text(body, "filename") : ""), body));
            case STICKER -> Content.of(body.path("animated").asBoolean(false) ? "animated sticker" : "sticker");
            case LOCATION -> Content.of(location(body));
            case CONTACTS -> Content.of(contacts(body));
            case BUTTON_REPLY, LIST_REPLY -> tap(body.path(body.path("type").asText()), "id", "title");
            case FLOW_REPLY -> flowReply(body.path("nfm_reply"));
            case QUICK_REPLY -> tap(body, "payload", "text");
            case REACTION -> Content.of("reacted " + text(body, "emoji"));
            case REACTION_REMOVED -> Content.of("removed a reaction");
            case ORDER -> Content.of(order(body));
            case EDIT -> edit(body.path("message"));
            case REVOKE -> Content.of("deleted an earlier message");
            case REQUEST_WELCOME -> Content.of("opened the chat for the first time");
            case NUMBER_CHANGED -> Content.of("changed number" + Optional.ofNullable(change(kind, body))
                    .map(number -> " to +" + number).orElse(""));
            case USER_ID_CHANGED -> Content.of("business-scoped user id changed");
            case IDENTITY_CHANGED -> Content.of("identity (security code) changed");
            case SYSTEM_OTHER -> Content.of(Optional.ofNullable(text(body, "body")).orElse("WhatsApp notice"));
            default -> Content.of("a message of kind \"" + type + "\" Leadflow does not know yet");
        };
    }

    private static Content tap(JsonNode reply, String idField, String titleField) {
        String id = text(reply, idField);
        String title = text(reply, titleField);
        String summary = "tapped " + (title != null ? "\"" + title.strip() + "\"" + (id != null ? " (" + id + ")" : "")
                : id);
        return new Content(title, id, summary);
    }

    private static String withCaption(String what, JsonNode body) {
        String caption = text(body, "caption");
        return caption == null ? what : what + ": " + caption.strip();
    }

    private static String location(JsonNode body) {
        List<String> parts = new ArrayList<>();
        Optional.ofNullable(text(body, "name")).ifPresent(parts::add);
        Optional.ofNullable(text(body, "address")).ifPresent(parts::add);
        return parts.isEmpty() ? "location" : "location: " + String.join(", ", parts);
    }

    private static String contacts(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode card : body) {
            Optional.ofNullable(text(card.path("name"), "formatted_name")).ifPresent(names::add);
        }
        return body.size() + " contact" + (body.size() == 1 ? "" : "s") + (names.isEmpty() ? "" : ": "
                + String.join(", ", names));
    }

    /** A WhatsApp Flow's answer: its fields (Meta's {@code flow_token} left out), as name=value. */
    private static Content flowReply(JsonNode reply) {
        List<String> fields = new ArrayList<>();
        try {
            JsonNode answer = JSON.readTree(reply.path("response_json").asText("{}"));
            for (Iterator<Map.Entry<String, JsonNode>> it = answer.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("flow_token")) {
                    fields.add(field.getKey() + "=" + (field.getValue().isValueNode() ? field.getValue().asText()
                            : field.getValue().toString()));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            fields.add("(answer not readable)");
        }
        String name = text(reply, "name");
        return new Content(null, null, "Flow answer" + (name != null && !name.equals("flow") ? " " + name : "")
                + (fields.isEmpty() ? "" : ": " + String.join(", ", fields)));
    }

    private static String order(JsonNode body) {
        int items = 0;
        for (JsonNode item : body.path("product_items")) {
            items += Math.max(1, item.path("quantity").asInt(1));
        }
        String text = text(body, "text");
        return "order of " + items + " item" + (items == 1 ? "" : "s")
                + (text(body, "catalog_id") != null ? " from catalog " + text(body, "catalog_id") : "")
                + (text != null ? ": " + text : "");
    }

    /** Meta names what it did not pass on ({@code unsupported.type}) and why ({@code errors}). */
    private static String unsupportedWhy(JsonNode message) {
        String what = text(message.path("unsupported"), "type");
        JsonNode error = message.path("errors").path(0);
        String why = error.isMissingNode() ? null : "(" + error.path("code").asText("?") + ") "
                + Optional.ofNullable(text(error.path("error_data"), "details")).orElse(text(error, "title"));
        return (what != null ? " (" + what + ")" : "") + (why != null ? ": " + why : "");
    }

    private static Content edit(JsonNode edited) {
        String type = Optional.ofNullable(text(edited, "type")).orElse("text");
        JsonNode content = edited.path(type);
        String text = Optional.ofNullable(text(content, "body")).orElse(text(content, "caption"));
        return Content.of("edited an earlier message" + (text != null ? " to: " + text : ""));
    }

    private static String mediaId(InboundKind kind, JsonNode body) {
        return switch (kind) {
            case IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER -> text(body, "id");
            default -> null;
        };
    }

    /** The message replied to, reacted to, edited or deleted. */
    private static String contextOf(JsonNode message, InboundKind kind, JsonNode body) {
        return switch (kind) {
            case REACTION, REACTION_REMOVED -> text(body, "message_id");
            case EDIT, REVOKE -> text(body, "original_message_id");
            default -> text(message.path("context"), "id");
        };
    }

    private static String change(InboundKind kind, JsonNode system) {
        return switch (kind) {
            case NUMBER_CHANGED -> Optional.ofNullable(text(system, "new_wa_id")).orElse(text(system, "wa_id"));
            case USER_ID_CHANGED -> Optional.ofNullable(text(system, "new_user_id"))
                    .or(() -> Optional.ofNullable(text(system, "user_id"))).orElse(text(system, "user"));
            default -> null;
        };
    }

    private static AdReferral referral(JsonNode message) {
        JsonNode referral = message.path("referral");
        if (!referral.isObject()) {
            return null;
        }
        return new AdReferral(text(referral, "source_id"), text(referral, "source_type"), text(referral, "source_url"),
                text(referral, "headline"), text(referral, "ctwa_clid"));
    }

    /** The change's contact of this sender: by number, by user id, or the only one. */
    private static JsonNode contactOf(JsonNode message, JsonNode contacts) {
        for (JsonNode contact : contacts) {
            if ((message.hasNonNull("from") && message.path("from").asText().equals(text(contact, "wa_id")))
                    || (message.hasNonNull("from_user_id")
                    && message.path("from_user_id").asText().equals(text(contact, "user_id")))) {
                return contact;
            }
        }
        return contacts.size() == 1 ? contacts.get(0) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String shorten(String summary) {
        if (summary == null) {
            return null;
        }
        String clean = summary.replaceAll("\\p{Cntrl}+", " ").strip();
        return clean.length() <= SUMMARY_LENGTH ? clean : clean.substring(0, SUMMARY_LENGTH - 1) + "…";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
