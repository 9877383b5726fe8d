package dev.leadflow.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading legacy tracking CSV: bad rows are reported by line, input that is no tracking is refused whole. */
class CsvTrackingTest {

    private static final String HEADER = "Lead_ID , automation,step,STATUS,sent_at,wamid\n";

    @Test
    void columnsAreFoundInAnyCaseAndStatusesKeptAsWritten() {
        TrackingRows rows = CsvTracking.read("test", "\uFEFF" + HEADER
                + "lead-1,followup,1,\"Sent \",2026-03-01T10:00:00Z,wamid.1\n\n"
                + "lead-2,welcome,,,2026-03-01T10:00:00Z,\n");

        assertThat(rows.problems()).isEmpty();
        assertThat(rows.rows()).hasSize(2);
        assertThat(rows.rows().get(0).status()).isEqualTo("Sent ");
        assertThat(rows.rows().get(1).step()).isNull();
        assertThat(rows.rows().get(1).leadStatus()).isNull();
    }

    @Test
    void aBrokenRowIsReportedWithItsLineAndTheOthersAreRead() {
        TrackingRows rows = CsvTracking.read("test", HEADER
                + "lead-1,followup,1,sent,2026-03-01T10:00:00Z,w1\n"
                + "lead-2,followup\n"
                + ",followup,1,sent,2026-03-01T10:00:00Z,w3\n"
                + "lead-4,followup,2,sent,2026-03-01T10:00:00Z,w4\n");

        assertThat(rows.rows()).extracting(TrackingRows.Row::leadId).containsExactly("lead-1", "lead-4");
        assertThat(rows.problems()).extracting(TrackingRows.Problem::line).containsExactly(3L, 4L);
        assertThat(rows.problems().get(1).problem()).isEqualTo("lead_id is empty");
    }

    @Test
    void anUnterminatedQuoteStopsTheReadingThereWithoutLosingWhatCameBefore() {
        TrackingRows rows = CsvTracking.read("test", HEADER
                + "lead-1,followup,1,sent,2026-03-01T10:00:00Z,w1\n"
                + "lead-2,followup,1,\"sent,2026-03-01T10:00:00Z,w2\n"
                + "lead-3,followup,1,sent,2026-03-01T10:00:00Z,w3\n");

        assertThat(rows.rows()).extracting(TrackingRows.Row::leadId).contains("lead-1");
        assertThat(rows.problems()).isNotEmpty();
    }

    @Test
    void somethingThatIsNotTrackingCsvIsRefused() {
        assertThatThrownBy(() -> CsvTracking.read("test", "{\"leads\": []}"))
                .isInstanceOf(NotTrackingDataException.class).hasMessageContaining("missing column");
        assertThatThrownBy(() -> CsvTracking.read("test", "  "))
                .isInstanceOf(NotTrackingDataException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CsvTracking.read("test", "lead_id,lead_id,automation,step,status,sent_at\n"))
                .isInstanceOf(NotTrackingDataException.class);
    }

    @Test
    void severalRowsOfOneStepBecomeOneFactWithTheStrongestEvidence() {
        LegacyFact failed = fact(StatusWords.MessageStatus.FAILED, "2026-03-01T10:00:00Z");
        LegacyFact sent = fact(StatusWords.MessageStatus.SENT, "2026-03-02T10:00:00Z");
        LegacyFact delivered = fact(StatusWords.MessageStatus.DELIVERED, "2026-03-02T10:00:05Z");

        LegacyFact merged = failed.merge(delivered).merge(sent);

        assertThat(merged.status()).isEqualTo(StatusWords.MessageStatus.DELIVERED);
        assertThat(merged.sentAt()).hasToString("2026-03-02T10:00:00Z");
        assertThat(merged.merge(sent)).isEqualTo(merged);
    }

    private static LegacyFact fact(StatusWords.MessageStatus status, String sentAt) {
        return new LegacyFact("lead-1:followUp:follow-up-1", "lead-1", "followUp", "follow-up-1", status,
                status.name().toLowerCase(), null, java.time.Instant.parse(sentAt), null, "NEW");
    }
}
