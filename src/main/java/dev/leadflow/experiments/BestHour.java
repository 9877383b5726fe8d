package dev.leadflow.experiments;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import dev.leadflow.messaging.Deferral;
import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.SendCommand;
import dev.leadflow.messaging.SendMoment;
import dev.leadflow.messaging.SendTiming;

/**
 * Best-hour sending for marketing steps: the message waits, inside the lead's allowed hours and within the
 * horizon, for the hour of the week at which the lead answered most; with too few replies of its own,
 * leads like it (same market, source and status, then fewer of these) decide; with too few there either,
 * the step's own time stands. The moment is chosen once per send and kept, so the job's due date in
 * Cockpit is when the message will go, and the timeline's deferral says why.
 */
@Component
class BestHour implements SendMoment {

    private final BestHourProperties properties;
    private final ReplyHistory history;
    private final SendMoments moments;
    private final Map<String, Cached> segments = new ConcurrentHashMap<>();

    BestHour(BestHourProperties properties, ReplyHistory history, SendMoments moments) {
        this.properties = properties;
        this.history = history;
        this.moments = moments;
    }

    private record Cached(ReplyHours hours, Instant until) {
    }

    /** Whose replies set the hour, and what they were. */
    record Basis(String who, ReplyHours hours) {
    }

    @Override
    public Optional<Deferral> later(SendCommand command, Recipient lead, SendTiming timing, ZoneId zone,
                                    Predicate<Instant> allowed, Instant now) {
        boolean wanted = timing == SendTiming.BEST_HOUR
                || timing == SendTiming.STEP && properties.getTemplates().contains(command.templateKey());
        if (!wanted) {
            return Optional.empty();
        }
        String key = command.idempotencyKey();
        Optional<SendMoments.Moment> chosen = moments.of(key);
        if (chosen.isEmpty()) {
            chosen = choose(lead, zone, allowed, now).map(moment -> moments.choose(key, moment, now));
        }
        return chosen.filter(moment -> moment.sendAt().isAfter(now))
                .map(moment -> new Deferral(moment.sendAt(), moment.reason()));
    }

    private Optional<SendMoments.Moment> choose(Recipient lead, ZoneId zone, Predicate<Instant> allowed, Instant now) {
        Optional<Basis> basis = basis(lead, zone, now);
        if (basis.isEmpty()) {
            return Optional.empty();
        }
        return basis.get().hours().best(now, zone, properties.getHorizon(), allowed)
                .filter(choice -> choice.at().isAfter(now))
                .map(choice -> new SendMoments.Moment(choice.at(), "best hour to send: "
                        + ReplyHours.describe(choice.hourOfWeek()) + " " + zone.getId() + ", when "
                        + basis.get().who() + " answered most (" + choice.replies() + " of "
                        + basis.get().hours().total() + " replies)"));
    }

    /** The lead's own replies when there are enough, else the narrowest segment with enough. */
    Optional<Basis> basis(Recipient lead, ZoneId zone, Instant now) {
        Instant since = now.minus(properties.getHistory());
        ReplyHours own = history.ofLead(lead.leadId(), zone, since);
        if (own.total() >= properties.getMinLeadReplies()) {
            return Optional.of(new Basis("this lead", own));
        }
        Optional<String> market = callingCode(lead.phone());
        if (market.isEmpty()) {
            return Optional.empty();
        }
        ReplyHistory.Profile profile = history.profileOf(lead.leadId())
                .orElse(new ReplyHistory.Profile(null, null));
        List<List<String>> segmentsToTry = new ArrayList<>();
        segmentsToTry.add(Arrays.asList(profile.source(), profile.status()));
        if (profile.status() != null) {
            segmentsToTry.add(Arrays.asList(profile.source(), null));
        }
        if (profile.source() != null) {
            segmentsToTry.add(Arrays.asList(null, null));
        }
        for (List<String> segment : segmentsToTry) {
            ReplyHours hours = segment(market.get(), segment.get(0), segment.get(1), zone, since, now);
            if (hours.total() >= properties.getMinSegmentReplies()) {
                return Optional.of(new Basis(describe(market.get(), segment.get(0), segment.get(1)), hours));
            }
        }
        return Optional.empty();
    }

    private ReplyHours segment(String market, String source, String status, ZoneId zone, Instant since, Instant now) {
        String key = market + "|" + source + "|" + status + "|" + zone.getId();
        Cached cached = segments.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.hours();
        }
        ReplyHours hours = history.ofSegment(market, source, status, zone, since);
        segments.put(key, new Cached(hours, now.plus(properties.getSegmentCache())));
        return hours;
    }

    private static String describe(String market, String source, String status) {
        return "leads like this one (" + market + (source == null ? "" : ", source " + source)
                + (status == null ? "" : ", status " + status) + ")";
    }

    private static Optional<String> callingCode(String e164) {
        try {
            return Optional.of("+" + PhoneNumberUtil.getInstance().parse(e164, null).getCountryCode());
        } catch (NumberParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
