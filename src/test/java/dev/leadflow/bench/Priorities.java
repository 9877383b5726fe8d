package dev.leadflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A utility message due while marketing welcomes queue: urgent instances ({@code bench-urgent.bpmn}, template
 * {@code meeting.noshow}) are started for existing leads, due a few seconds later, and then new leads are
 * created as fast as the clients go, each welcome a job of the lowest priority. How late the urgent messages
 * reach the Cloud API (arrival minus due time) says whether they waited behind the welcomes.
 */
final class Priorities {

    static final String PROCESS_KEY = "bench-urgent";

    record Result(int welcomes, int urgent, String dueAt, Load.Result urgentStarts, Load.Result creations,
                  int welcomesSent, int urgentSent, Stats.Summary urgentLatenessMillis,
                  Stats.Summary welcomeLeadToSendMillis, double seconds) {

        int missing() {
            return welcomes - welcomesSent + urgent - urgentSent;
        }
    }

    private Priorities() {
    }

    static Result run(String idPrefix, int welcomes, List<String> urgentLeads, Duration dueIn, int clients,
                      EngineRest engine, Http api, FakeCloudApi fake, Leads leads, Duration stall) {
        long start = System.nanoTime();
        Instant dueAt = Instant.now().plus(dueIn).truncatedTo(ChronoUnit.SECONDS);
        Load.Result urgentStarts = Load.run(urgentLeads.size(), clients,
                i -> engine.start(PROCESS_KEY, urgentLeads.get(i), Map.of("dueAt", dueAt.toString())));
        long[] sentAt = new long[welcomes];
        Load.Result creations = leads.create(api, idPrefix, welcomes, clients, 0, sentAt);
        Await.count(() -> (long) welcomesOf(fake, idPrefix).size() + urgentOf(fake).size(),
                welcomes + urgentLeads.size(), stall);
        List<FakeCloudApi.Receipt> urgent = urgentOf(fake);
        List<FakeCloudApi.Receipt> welcomed = welcomesOf(fake, idPrefix);
        double[] lateness = urgent.stream()
                .mapToDouble(r -> r.receivedAtEpochMillis() - dueAt.toEpochMilli()).toArray();
        double[] leadToSend = welcomed.stream()
                .mapToDouble(r -> (r.receivedAtNanos() - sentAt[Leads.index(idPrefix, r.leadId())]) / 1e6).toArray();
        return new Result(welcomes, urgentLeads.size(), dueAt.toString(), urgentStarts, creations,
                (int) welcomed.stream().map(FakeCloudApi.Receipt::leadId).distinct().count(),
                (int) urgent.stream().map(FakeCloudApi.Receipt::leadId).distinct().count(),
                Stats.summarize(lateness), Stats.summarize(leadToSend), Stats.round(Http.millisSince(start) / 1000));
    }

    private static List<FakeCloudApi.Receipt> urgentOf(FakeCloudApi fake) {
        return fake.receipts(r -> r.flow().equals(PROCESS_KEY));
    }

    private static List<FakeCloudApi.Receipt> welcomesOf(FakeCloudApi fake, String idPrefix) {
        return fake.receipts(r -> r.flow().equals("welcome") && r.leadId().startsWith(idPrefix + "-"));
    }
}
