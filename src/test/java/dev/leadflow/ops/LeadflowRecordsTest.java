package dev.leadflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadflowRecordsTest {

    @Test
    void aNumberIsLookedUpInEveryFormWhatsAppMayGiveIt() {
        assertThat(LeadflowRecords.waIdsOf("+5511999990000")).containsExactly("5511999990000", "551199990000");
        assertThat(LeadflowRecords.waIdsOf("+525512345678")).containsExactly("525512345678", "5215512345678");
        assertThat(LeadflowRecords.waIdsOf("+14155550123")).containsExactly("14155550123");
    }
}
