package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.leadflow.messaging.FrequencyCap.RecentSend;
import dev.leadflow.messaging.MarketProperties.Market;
import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.SendHolds.Kind;
import dev.leadflow.messaging.TemplateCatalog.Category;
import dev.leadflow.messaging.TemplateCatalog.Template;

/**
 * The send policy as a decision table: the facts of one send, and what the policy says, applied in the
 * order the messaging service asks (never, not now, text or template, frequency cap). Plain JUnit.
 */
class SendPolicyTest {

    /** A Wednesday; the default market sends 09:00-20:00 UTC and never on Sunday. */
    private static final String WEDNESDAY = "2026-03-04";
    private static final String LEAD = "lead-1";
    private static final String PHONE = "+4915112345678";

    private final SendPolicy policy = new SendPolicy(
            new QuietHours(Map.of(MarketProperties.DEFAULT, new Market("UTC", "09:00", "20:00",
                    List.of(DayOfWeek.SUNDAY)))),
            new FrequencyCap(Map.of("marketing", 2, "all", 3)));

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            # case                                       | lead                     | template          | time  | holds              | inbound h ago | earlier attempt | marketing sent | verdict
            all clear                                    | consented                | utility           | 12:00 | -                  | -             | -               | 0              | send template
            no consent                                   | no-consent               | utility           | 12:00 | -                  | -             | -               | 0              | skip: no WhatsApp consent
            no consent beats quiet hours                 | no-consent               | utility           | 22:00 | -                  | -             | -               | 0              | skip: no WhatsApp consent
            marketing stopped, marketing template        | marketing-stopped        | marketing         | 12:00 | -                  | -             | -               | 0              | skip: the lead stopped marketing messages
            marketing stopped, utility template          | marketing-stopped        | utility           | 12:00 | -                  | -             | -               | 0              | send template
            undeliverable number                         | undeliverable            | utility           | 12:00 | -                  | -             | -               | 0              | skip: the lead's number cannot receive WhatsApp messages
            undeliverable number, operator approved      | undeliverable-approved   | utility           | 12:00 | -                  | -             | -               | 0              | send template
            quiet hours in the evening                   | consented                | utility           | 22:00 | -                  | -             | -               | 0              | defer until 09:00: quiet hours
            quiet hours on a closed day                  | consented                | utility           | SUN   | -                  | -             | -               | 0              | defer until 09:00: quiet hours
            a template that ignores quiet hours          | consented                | ignores-quiet     | 22:00 | -                  | -             | -               | 0              | send template
            recipient paced by Meta                      | consented                | utility           | 12:00 | recipient          | -             | -               | 0              | defer until 13:00: the recipient's pair rate limit (131056)
            recipient hold expired                       | consented                | utility           | 12:00 | recipient-expired  | -             | -               | 0              | send template
            quiet hours before the recipient's hold      | consented                | utility           | 22:00 | recipient          | -             | -               | 0              | defer until 09:00: quiet hours
            marketing limit held, marketing template     | consented                | marketing         | 12:00 | marketing          | -             | -               | 0              | defer until 13:00: the lead's marketing limit (131049)
            marketing limit held, utility template       | consented                | utility           | 12:00 | marketing          | -             | -               | 0              | send template
            window open, entry has a text variant        | consented                | utility-with-text | 12:00 | -                  | 2             | -               | 0              | send text
            window open, entry has no text variant       | consented                | utility           | 12:00 | -                  | 2             | -               | 0              | send template
            window closed                                | consented                | utility-with-text | 12:00 | -                  | 30            | -               | 0              | send template
            window open, Meta refused the text before    | consented                | utility-with-text | 12:00 | -                  | 2             | text refused    | 0              | send template
            window open, an earlier template refused     | consented                | utility-with-text | 12:00 | -                  | 2             | template refused| 0              | send text
            marketing cap reached                        | consented                | marketing         | 12:00 | -                  | -             | -               | 2              | defer until 21:00: frequency cap
            marketing cap reached, text in the window    | consented                | marketing-text    | 12:00 | -                  | 2             | -               | 2              | send text
            marketing cap reached, utility template      | consented                | utility           | 12:00 | -                  | -             | -               | 2              | send template
            overall cap reached, utility template        | consented                | utility           | 12:00 | -                  | -             | -               | 3              | defer until 21:00: frequency cap
            """)
    void decides(String name, String lead, String template, String time, String holds, Integer inboundHoursAgo,
                 String earlier, int marketingSent, String verdict) {
        Instant now = "SUN".equals(time) ? Instant.parse("2026-03-08T12:00:00Z")
                : Instant.parse(WEDNESDAY + "T" + time + ":00Z");
        Recipient recipient = recipient(lead, inboundHoursAgo == null ? null : now.minus(Duration.ofHours(inboundHoursAgo)));
        Template entry = template(template);

        assertThat(decide(recipient, entry, lead.endsWith("-approved"), holds, earlier, marketingSent, now))
                .startsWith(verdict);
    }

    private String decide(Recipient lead, Template template, boolean approved, String holds, String earlier,
                          int marketingSent, Instant now) {
        Optional<String> never = policy.never(lead, template.getCategory(), approved);
        if (never.isPresent()) {
            return "skip: " + never.get();
        }
        Optional<Deferral> notNow = policy.notNow(lead, template, null, now, (kind, subject) -> hold(holds, kind,
                subject, now));
        if (notNow.isPresent()) {
            return deferred(notNow.get());
        }
        Optional<String> text = policy.freeFormText(lead, template, attempt(earlier), now);
        Optional<Deferral> capped = policy.overFrequencyCap(text.isPresent(), template.getCategory(),
                () -> recentSends(marketingSent, now), now);
        if (capped.isPresent()) {
            return deferred(capped.get());
        }
        return text.isPresent() ? "send text" : "send template";
    }

    private static String deferred(Deferral deferral) {
        return "defer until " + LocalTime.ofInstant(deferral.until(), ZoneOffset.UTC) + ": " + deferral.reason();
    }

    private static Recipient recipient(String kind, Instant lastInboundAt) {
        return new Recipient(LEAD, PHONE, "Ana", "en", null, !"no-consent".equals(kind), null, Map.of(),
                lastInboundAt, "marketing-stopped".equals(kind), kind.startsWith("undeliverable"));
    }

    private static Template template(String kind) {
        Template template = new Template();
        template.setName(kind);
        template.setLanguages(Map.of("en", "en"));
        template.setCategory(kind.startsWith("marketing") ? Category.MARKETING : Category.UTILITY);
        template.setIgnoreQuietHours("ignores-quiet".equals(kind));
        if (kind.endsWith("-text")) {
            template.setText(Map.of("en", "Hi {{1}}"));
        }
        return template;
    }

    /** Holds as "recipient", "recipient-expired" or "marketing"; an active one ends an hour from now. */
    private static Optional<Hold> hold(String holds, Kind kind, String subject, Instant now) {
        if (holds == null || !holds.startsWith(kind.name().toLowerCase())) {
            return Optional.empty();
        }
        assertThat(subject).isEqualTo(kind == Kind.MARKETING ? LEAD : PHONE);
        Instant until = holds.endsWith("-expired") ? now.minusSeconds(1) : now.plus(Duration.ofHours(1));
        return Optional.of(new Hold(kind, subject, kind == Kind.MARKETING ? 131049 : 131056, "refused", 1,
                now.minus(Duration.ofHours(1)), until, null));
    }

    private static Optional<MessageAttempt> attempt(String earlier) {
        if (earlier == null) {
            return Optional.empty();
        }
        boolean text = earlier.startsWith("text");
        return Optional.of(new MessageAttempt(1, "key", LEAD, "f", "s", "k", "t", "en", "utility", "ch", PHONE,
                AttemptStatus.REJECTED, null, text ? CustomerServiceWindow.REENGAGEMENT_REQUIRED : 131000, "refused",
                null, 1, null, null, null, text ? MessageAttempt.TEXT : MessageAttempt.TEMPLATE, "key", null, null));
    }

    /** The first two are marketing messages, sent 15 and 14 hours ago; the rest utility, 13, 12, ... hours ago. */
    private static List<RecentSend> recentSends(int count, Instant now) {
        List<RecentSend> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(new RecentSend(i < 2 ? Category.MARKETING : Category.UTILITY, now.minus(Duration.ofHours(15 - i))));
        }
        return sent;
    }
}
