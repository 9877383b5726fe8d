package dev.leadflow.whatsapp.sandbox;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.leadflow.whatsapp.WhatsAppProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The sandbox's own face: the conversation page, what it received, fault injection, replying as a lead. */
@Controller
@ConditionalOnProperty(name = "leadflow.sandbox.enabled", havingValue = "true")
class SandboxController {

    private final SandboxMailbox mailbox;
    private final SandboxWebhooks webhooks;
    private final WhatsAppProperties whatsApp;
    private final Clock clock;
    private final SandboxChat chat;

    SandboxController(SandboxMailbox mailbox, SandboxWebhooks webhooks, WhatsAppProperties whatsApp, Clock clock,
                      SandboxChat chat) {
        this.mailbox = mailbox;
        this.webhooks = webhooks;
        this.whatsApp = whatsApp;
        this.clock = clock;
        this.chat = chat;
    }

    @GetMapping("/sandbox")
    String page() {
        return "forward:/sandbox/index.html";
    }

    @GetMapping("/sandbox/api/messages")
    @ResponseBody
    List<SandboxMessage> messages(@RequestParam(required = false) String phone) {
        List<SandboxMessage> all = mailbox.messages();
        return phone == null ? all : all.stream().filter(m -> phone.equals(m.to()) || phone.equals(m.from())).toList();
    }

    /** The conversations as the leads' phones show them: rendered text, button labels, ticks. */
    @GetMapping("/sandbox/api/chat")
    @ResponseBody
    List<SandboxChat.Shown> chat(@RequestParam(required = false) String phone) {
        return chat.messages(phone);
    }

    @DeleteMapping("/sandbox/api/messages")
    ResponseEntity<Void> clear() {
        mailbox.clear();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/sandbox/api/faults")
    ResponseEntity<Void> injectFault(@RequestBody SandboxFault fault) {
        if (!fault.timeout() && fault.code() == null) {
            return ResponseEntity.badRequest().build();
        }
        mailbox.injectFault(new SandboxFault(fault.code(), fault.timeout(), Math.max(1, fault.count()),
                fault.withoutStatuses()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /** The faults still queued for the next sends, the next first. */
    @GetMapping("/sandbox/api/faults")
    @ResponseBody
    List<SandboxFault> faults() {
        return mailbox.faults();
    }

    /** Forgets every queued fault: the next sends are answered normally. */
    @DeleteMapping("/sandbox/api/faults")
    ResponseEntity<Void> clearFaults() {
        mailbox.clearFaults();
        return ResponseEntity.noContent().build();
    }

    /** How statuses are reported from now on, for one phone or for all (late, duplicated, out of order...). */
    @PostMapping("/sandbox/api/chaos")
    ResponseEntity<Void> chaos(@RequestBody SandboxChaos chaos) {
        if (chaos.duplicates() < 0 || chaos.duplicates() > 10 || chaos.delay().isNegative()
                || chaos.delay().compareTo(java.time.Duration.ofHours(1)) > 0) {
            return ResponseEntity.badRequest().build();
        }
        mailbox.setChaos(chaos);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/sandbox/api/chaos")
    @ResponseBody
    List<SandboxChaos> chaos() {
        return mailbox.chaos();
    }

    @DeleteMapping("/sandbox/api/chaos")
    ResponseEntity<Void> clearChaos() {
        mailbox.clearChaos();
        return ResponseEntity.noContent().build();
    }

    /**
     * The lead answers: typed text, a tap on a template's quick-reply button (its payload), or, with
     * {@code interactive}, a tap on an interactive message's reply button (its id).
     */
    @PostMapping("/sandbox/api/replies")
    @ResponseBody
    ResponseEntity<SandboxMessage> reply(@Valid @RequestBody Reply reply) {
        String from = reply.from().startsWith("+") ? reply.from() : "+" + reply.from();
        String text = reply.text() != null ? reply.text() : reply.payload();
        if (text == null || text.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        SandboxMessage message = new SandboxMessage(SandboxGraphController.newWamid(),
                SandboxMessage.Direction.INBOUND, whatsApp.phoneNumberId(), null, from,
                reply.payload() == null ? "text" : reply.interactive() ? "interactive" : "button", null, null,
                List.of(), List.of(), text, null, clock.instant());
        mailbox.add(message);
        webhooks.reportReply(message, reply.payload(), reply.contextWamid(), reply.interactive());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(message);
    }

    /**
     * The lead sends one of the other kinds Meta documents (image, location, reaction, a number change, an ad
     * click...), answering or naming {@code contextWamid}; see {@link SandboxKinds#KINDS}.
     */
    @PostMapping("/sandbox/api/kinds")
    @ResponseBody
    ResponseEntity<SandboxMessage> kind(@Valid @RequestBody KindReply reply) {
        if (!SandboxKinds.KINDS.contains(reply.kind())) {
            return ResponseEntity.badRequest().build();
        }
        String from = reply.from().startsWith("+") ? reply.from() : "+" + reply.from();
        String newWaId = reply.kind().equals("user_changed_user_id") ? "BR." + Math.abs(from.hashCode())
                : reply.newNumber() == null ? null : reply.newNumber().replace("+", "");
        SandboxMessage message = new SandboxMessage(SandboxGraphController.newWamid(),
                SandboxMessage.Direction.INBOUND, whatsApp.phoneNumberId(), null, from, reply.kind(), null, null,
                List.of(), List.of(), "[" + reply.kind() + "]" + (reply.text() == null ? "" : " " + reply.text()), null,
                clock.instant());
        mailbox.add(message);
        webhooks.reportInbound(message.phoneNumberId(), from.replace("+", ""), SandboxKinds.message(reply.kind(),
                from.replace("+", ""), message.wamid(), message.receivedAt().getEpochSecond(), reply.contextWamid(),
                reply.text(), newWaId));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(message);
    }

    @GetMapping("/sandbox/api/kinds")
    @ResponseBody
    List<String> kinds() {
        return SandboxKinds.KINDS;
    }

    record KindReply(@NotBlank @Pattern(regexp = "\\+?[1-9]\\d{6,14}") String from, @NotBlank String kind,
                     String text, String contextWamid,
                     @Pattern(regexp = "\\+?[1-9]\\d{6,14}") String newNumber) {
    }

    record Reply(@NotBlank @Pattern(regexp = "\\+?[1-9]\\d{6,14}") String from, String text, String payload,
                 String contextWamid, boolean interactive) {
    }
}
