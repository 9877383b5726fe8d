package dev.leadflow.whatsapp.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lead's side of every inbound kind Meta sends (docs/inbound.md), built as Meta's webhook shows them, so a
 * person can try each one from the sandbox's conversation page.
 */
final class SandboxKinds {

    /** What the page offers, in its order. */
    static final List<String> KINDS = List.of("image", "audio", "video", "document", "sticker", "location",
            "contacts", "list_reply", "nfm_reply", "reaction", "reaction_removed", "order", "unsupported", "edit",
            "revoke", "request_welcome", "user_changed_number", "user_changed_user_id", "ad_referral", "future_kind");

    private SandboxKinds() {
    }

    /**
     * @param context   the message answered, reacted to, edited or deleted
     * @param text      the lead's words where the kind has some (caption, edit, ad message)
     * @param newWaId   the new number (digits) of a number change, or the new user id of a user-id change
     */
    static Map<String, Object> message(String kind, String fromWaId, String wamid, long epochSecond, String context,
                                       String text, String newWaId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("from", fromWaId);
        message.put("id", wamid);
        message.put("timestamp", String.valueOf(epochSecond));
        String words = text == null || text.isBlank() ? null : text;
        switch (kind) {
            case "image", "video", "document", "sticker", "audio" -> {
                Map<String, Object> media = new LinkedHashMap<>();
                media.put("id", String.valueOf(1_000_000_000_000L + Math.abs(wamid.hashCode())));
                media.put("mime_type", switch (kind) {
                    case "image" -> "image/jpeg";
                    case "video" -> "video/mp4";
                    case "document" -> "application/pdf";
                    case "sticker" -> "image/webp";
                    default -> "audio/ogg; codecs=opus";
                });
                media.put("sha256", "sandbox");
                if (kind.equals("document")) {
                    media.put("filename", "proposal.pdf");
                }
                if (kind.equals("audio")) {
                    media.put("voice", true);
                }
                if (words != null && !kind.equals("sticker") && !kind.equals("audio")) {
                    media.put("caption", words);
                }
                typed(message, kind, media);
            }
            case "location" -> typed(message, kind, Map.of("latitude", -23.5614, "longitude", -46.6559,
                    "name", "Avenida Paulista office", "address", "Av. Paulista, 1000, São Paulo"));
            case "contacts" -> typed(message, kind, List.of(Map.of("name", Map.of("formatted_name", "Bruno Lima",
                    "first_name", "Bruno"), "phones", List.of(Map.of("phone", "+55 11 90000-0000", "type", "CELL")))));
            case "list_reply" -> typed(message, "interactive", Map.of("type", "list_reply", "list_reply",
                    Map.of("id", "slot-tue-10", "title", "Tuesday 10:00", "description", "30 minutes")));
            case "nfm_reply" -> typed(message, "interactive", Map.of("type", "nfm_reply", "nfm_reply", Map.of(
                    "name", "flow", "body", "Sent", "response_json",
                    "{\"flow_token\":\"sandbox\",\"company_size\":\"11-50\",\"budget\":\"5k\"}")));
            case "reaction" -> typed(message, kind,
                    Map.of("message_id", String.valueOf(context), "emoji", "\uD83D\uDC4D"));
            case "reaction_removed" -> typed(message, "reaction", Map.of("message_id", String.valueOf(context)));
            case "order" -> typed(message, kind, Map.of("catalog_id", "194836987003835", "product_items", List.of(
                    Map.of("product_retailer_id", "sku-1", "quantity", 2, "item_price", 10.5, "currency", "BRL"))));
            case "unsupported" -> {
                typed(message, kind, Map.of("type", "poll"));
                message.put("errors", List.of(Map.of("code", 131051, "title", "Message type unknown",
                        "error_data", Map.of("details", "Message type is currently not supported."))));
            }
            case "edit" -> typed(message, kind, Map.of("original_message_id", String.valueOf(context), "message",
                    Map.of("type", "text", "text", Map.of("body", words != null ? words : "edited text"))));
            case "revoke" -> typed(message, kind, Map.of("original_message_id", String.valueOf(context)));
            case "request_welcome" -> message.put("type", kind);
            case "user_changed_number" -> typed(message, "system", Map.of("type", kind, "new_wa_id",
                    String.valueOf(newWaId), "body", "User changed from " + fromWaId + " to " + newWaId));
            case "user_changed_user_id" -> typed(message, "system", Map.of("type", kind, "user_id",
                    String.valueOf(newWaId), "body", "User changed their business-scoped user id"));
            case "ad_referral" -> {
                typed(message, "text", Map.of("body", words != null ? words : "Hi! I saw your ad"));
                message.put("referral", Map.of("source_url", "https://fb.me/sandbox-ad",
                        "source_id", "120200000000000042",
                        "source_type", "ad", "headline", "Book a demo this week", "ctwa_clid", "sandbox-click-1"));
            }
            default -> typed(message, "hologram", Map.of("id", "1"));
        }
        if (context != null && !message.containsKey("context") && List.of("list_reply", "nfm_reply").contains(kind)) {
            message.put("context", Map.of("from", SandboxWebhooks.DISPLAY_PHONE_NUMBER, "id", context));
        }
        return message;
    }

    private static void typed(Map<String, Object> message, String type, Object content) {
        message.put("type", type);
        message.put(type, content);
    }
}
