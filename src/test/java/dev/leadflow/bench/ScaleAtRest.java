package dev.leadflow.bench;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Leadflow holding many leads that wait in timers: database size, live heap and RSS, the timeline of
 * one lead, and how late a timer fires among all the waiting ones.
 */
final class ScaleAtRest {

    /**
     * @param waitingTimers timer jobs in the database (each a lead's flow waiting for its time)
     * @param liveHeapMb    heap in use after a full collection
     */
    record Result(long leads, long waitingTimers, double databaseMb, List<BenchDatabase.TableSize> largestTables,
                  double liveHeapMb, double rssMb, Stats.Summary timelineMillis, int timelineFailures,
                  AcquisitionProbe.Result acquisition) {
    }

    private ScaleAtRest() {
    }

    static Result run(LeadflowApp app, BenchDatabase database, EngineRest engine, List<String> leadIds,
                      int timelineSamples, int probes, Duration probeSpacing, String probeTag)
            throws SQLException, IOException, InterruptedException {
        List<Double> timelineMillis = new ArrayList<>();
        int failures = 0;
        for (String leadId : sample(leadIds, timelineSamples)) {
            Http.Answer answer = app.api().get("/api/leads/" + leadId + "/timeline");
            timelineMillis.add(answer.millis());
            if (!answer.ok()) {
                failures++;
            }
        }
        AcquisitionProbe.Result acquisition = AcquisitionProbe.run(engine, database, probeTag, probes, probeSpacing);
        return new Result(database.number("select count(*) from lead"),
                database.number("select count(*) from act_ru_job where type_ = 'timer'"),
                Stats.megabytes(database.sizeBytes()), database.largestTables(5),
                Stats.megabytes(app.liveHeapBytes()), Stats.megabytes(app.rssBytes()),
                Stats.summarize(timelineMillis), failures, acquisition);
    }

    private static List<String> sample(List<String> leadIds, int size) {
        List<String> shuffled = new ArrayList<>(leadIds);
        Collections.shuffle(shuffled, new Random(42));
        return shuffled.subList(0, Math.min(size, shuffled.size()));
    }
}
