package dev.leadflow.whatsapp.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.messaging.TemplateCatalog;

/**
 * The conversation as the lead's phone shows it: a template message as its text with the parameters filled in
 * (the catalog's {@code body}, else its free-form {@code text}), its quick-reply buttons by their labels, and
 * the ticks of the last status Leadflow was told.
 */
@Component
@ConditionalOnProperty(name = "leadflow.sandbox.enabled", havingValue = "true")
class SandboxChat {

    private final SandboxMailbox mailbox;
    private final TemplateCatalog catalog;
    private final RecipientDirectory leads;

    SandboxChat(SandboxMailbox mailbox, TemplateCatalog catalog, RecipientDirectory leads) {
        this.mailbox = mailbox;
        this.catalog = catalog;
        this.leads = leads;
    }

    List<Shown> messages(String phone) {
        return mailbox.messages().stream()
                .filter(m -> phone == null || phone.equals(m.to()) || phone.equals(m.from()))
                .map(this::shown).toList();
    }

    Shown shown(SandboxMessage message) {
        String phone = message.direction() == SandboxMessage.Direction.OUTBOUND ? message.to() : message.from();
        Optional<TemplateCatalog.Template> template = message.templateName() == null ? Optional.empty()
                : catalog.findByName(message.templateName());
        String locale = template.flatMap(t -> t.localeOf(message.language())).orElse(message.language());
        String text = message.text() != null ? message.text() : template.flatMap(t -> t.bodyFor(locale))
                .map(body -> fill(body, message.parameters()))
                .orElseGet(() -> message.templateName() + ": " + String.join(" | ", message.parameters()));
        List<String> labels = template.map(t -> t.buttonsFor(locale)).orElse(List.of());
        List<Button> buttons = new ArrayList<>();
        for (int i = 0; i < message.quickReplies().size(); i++) {
            String payload = message.quickReplies().get(i);
            buttons.add(new Button(i < labels.size() ? labels.get(i) : readable(payload), payload));
        }
        String leadName = phone == null ? null : leads.findByPhone(phone).map(Recipient::name).orElse(null);
        return new Shown(message.wamid(), message.direction(), phone, leadName, message.type(), message.templateName(),
                message.language(), text, buttons, mailbox.statusOf(message.wamid()).orElse(null),
                message.receivedAt());
    }

    /** {{1}}, {{2}} ... replaced by the parameters, in order; a placeholder without a value stays as it is. */
    static String fill(String body, List<String> parameters) {
        String filled = body;
        for (int i = parameters.size(); i >= 1; i--) {
            filled = filled.replace("{{" + i + "}}", parameters.get(i - 1));
        }
        return filled;
    }

    /** "CONFIRM:mtg-1" reads "Confirm" when the catalog names no label. */
    private static String readable(String payload) {
        String code = payload.contains(":") ? payload.substring(0, payload.indexOf(':')) : payload;
        String words = code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return words.isEmpty() ? payload : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * @param leadName the name of the lead with this phone, if Leadflow knows one
     * @param text   what the lead reads
     * @param status the last status reported to Leadflow: sent, delivered, read or failed; null before the first
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Shown(String wamid, SandboxMessage.Direction direction, String phone, String leadName, String type,
                 String templateName, String language, String text, List<Button> buttons, String status, Instant at) {
    }

    /** A quick-reply button: the label the lead sees and the payload its tap sends. */
    record Button(String label, String payload) {
    }
}
