package dev.leadflow.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The product path: concurrent CRM clients create consented leads ({@code PUT /api/leads/{id}}), each
 * lead's welcome flow sends the welcome template to the fake Cloud API, and the fake reports the
 * statuses back to Leadflow's webhook.
 */
final class EndToEnd {

    /**
     * @param pacedRatePerSecond      the rate the leads were created at; 0 when as fast as the clients go
     * @param creations               the PUT requests
     * @param missing                 leads whose welcome never reached the fake
     * @param seconds                 from the first PUT sent to the last welcome received
     * @param messagesPerSecond       welcomes received per second over {@code seconds}
     * @param steadyMessagesPerSecond the same between the 10th and the 90th percentile of arrivals
     *                                (without ramp-up and tail)
     * @param leadToSendMillis        from a lead's PUT sent to its welcome at the fake
     * @param statusAnswerMillis      Leadflow's answers to the fake's status webhooks
     * @param secondsUntilStatusesDone from the first PUT sent to the last status webhook answered
     */
    record Result(String name, int leads, int clients, double pacedRatePerSecond, long fakeLatencyMillis,
                  Load.Result creations, int messages, int missing, double seconds, double messagesPerSecond,
                  double steadyMessagesPerSecond, Stats.Summary leadToSendMillis, int statusesPosted,
                  int statusesRefused, Stats.Summary statusAnswerMillis, double secondsUntilStatusesDone) {
    }

    private EndToEnd() {
    }

    static Result run(String name, String idPrefix, int count, int clients, double pacedRatePerSecond,
                      Duration fakeLatency, Http api, FakeCloudApi fake, Leads leads, Duration stall) {
        fake.latency(fakeLatency);
        fake.takeStatusPosts();
        int receivedBefore = fake.received();
        long[] sentAt = new long[count];
        long start = System.nanoTime();
        Load.Result creations = leads.create(api, idPrefix, count, clients, pacedRatePerSecond, sentAt);

        Await.count(() -> (long) fake.received() - receivedBefore, count, stall);
        Await.zero(() -> (long) fake.statusesPending(), stall);
        double secondsUntilStatusesDone = Http.millisSince(start) / 1000;

        List<FakeCloudApi.Receipt> received = fake.receipts(r -> r.flow().equals("welcome")
                && r.leadId().startsWith(idPrefix + "-"));
        received.sort(Comparator.comparingLong(FakeCloudApi.Receipt::receivedAtNanos));
        double[] leadToSend = received.stream()
                .mapToDouble(r -> (r.receivedAtNanos() - sentAt[Leads.index(idPrefix, r.leadId())]) / 1e6)
                .toArray();
        double seconds = received.isEmpty() ? 0
                : (received.get(received.size() - 1).receivedAtNanos() - start) / 1e9;
        List<FakeCloudApi.StatusPost> statuses = fake.takeStatusPosts();
        return new Result(name, count, clients, pacedRatePerSecond, fakeLatency.toMillis(), creations, received.size(),
                count - distinctLeads(received), Stats.round(seconds), Stats.perSecond(received.size(), seconds),
                steadyRate(received), Stats.summarize(leadToSend), statuses.size(),
                (int) statuses.stream().filter(post -> post.answer() != 200).count(),
                Stats.summarize(statuses.stream().map(FakeCloudApi.StatusPost::millis).toList()),
                Stats.round(secondsUntilStatusesDone));
    }

    private static int distinctLeads(List<FakeCloudApi.Receipt> received) {
        return (int) received.stream().map(FakeCloudApi.Receipt::leadId).distinct().count();
    }

    /** Arrivals per second between the 10th and the 90th percentile of arrival times. */
    static double steadyRate(List<FakeCloudApi.Receipt> byArrival) {
        if (byArrival.size() < 10) {
            return 0;
        }
        int first = byArrival.size() / 10;
        int last = byArrival.size() * 9 / 10;
        double seconds = (byArrival.get(last).receivedAtNanos() - byArrival.get(first).receivedAtNanos()) / 1e9;
        return Stats.perSecond(last - first, seconds);
    }
}
