package dev.leadflow.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Meta's side of the load: signed status webhooks (one status per request, each a new status of a
 * message Leadflow sent) posted by more and more concurrent clients, until the median answer reaches
 * 250 ms or the statuses run out.
 */
final class WebhookIngestion {

    static final double MEDIAN_LIMIT_MILLIS = 250;

    record Level(int clients, Load.Result load) {
    }

    /**
     * @param best the fastest level whose median answer stayed under {@link #MEDIAN_LIMIT_MILLIS}; null
     *             when none did
     */
    record Result(List<Level> levels, Level best) {

        double statusesPerSecond() {
            return best == null ? 0 : best.load().requestsPerSecond();
        }
    }

    private record Status(FakeCloudApi.Receipt message, String status) {
    }

    private WebhookIngestion() {
    }

    /**
     * @param messages messages that got no status yet; each gets {@code statuses} in order
     */
    static Result run(StatusWebhooks webhooks, List<FakeCloudApi.Receipt> messages, List<String> statuses,
                      List<Integer> clientLevels, int requestsPerLevel) {
        List<Status> pool = new ArrayList<>();
        for (String status : statuses) {
            messages.forEach(message -> pool.add(new Status(message, status)));
        }
        List<Level> levels = new ArrayList<>();
        Level best = null;
        int next = 0;
        for (int clients : clientLevels) {
            int requests = Math.min(requestsPerLevel, pool.size() - next);
            if (requests < clients) {
                break;
            }
            List<Status> batch = pool.subList(next, next + requests);
            next += requests;
            Level level = new Level(clients, Load.run(requests, clients,
                    i -> webhooks.post(batch.get(i).message(), batch.get(i).status())));
            levels.add(level);
            boolean withinLimit = level.load().answerMillis().p50() < MEDIAN_LIMIT_MILLIS
                    && level.load().failed() == 0;
            if (withinLimit && (best == null
                    || level.load().requestsPerSecond() > best.load().requestsPerSecond())) {
                best = level;
            }
            if (!withinLimit) {
                break;
            }
        }
        return new Result(List.copyOf(levels), best);
    }
}
