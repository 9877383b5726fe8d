package dev.leadflow.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaIdsTest {

    @Test
    void theExactNumberComesFirst() {
        assertThat(WaIds.candidates("16505551234")).containsExactly("+16505551234");
        assertThat(WaIds.candidates("5511987654321")).containsExactly("+5511987654321");
    }

    @Test
    void aBrazilianMobileWithoutItsNinthDigitAlsoTriesIt() {
        assertThat(WaIds.candidates("551187654321")).containsExactly("+551187654321", "+5511987654321");
        // a landline (first digit 2-5) has eight digits: nothing to add
        assertThat(WaIds.candidates("551132654321")).containsExactly("+551132654321");
    }

    @Test
    void aMexicanMobileWithTheOldOneAlsoTriesWithoutIt() {
        assertThat(WaIds.candidates("5215512345678")).containsExactly("+5215512345678", "+525512345678");
    }

    @Test
    void somethingThatIsNoNumberHasNoCandidates() {
        assertThat(WaIds.candidates(null)).isEmpty();
        assertThat(WaIds.candidates("abc")).isEmpty();
        assertThat(WaIds.candidates("123")).isEmpty();
    }

    @Test
    void aNumberIsLookedUpInEveryFormWhatsAppMayGiveIt() {
        assertThat(WaIds.waIdsOf("+5511999990000")).containsExactly("5511999990000", "551199990000");
        assertThat(WaIds.waIdsOf("+525512345678")).containsExactly("525512345678", "5215512345678");
        assertThat(WaIds.waIdsOf("+14155550123")).containsExactly("14155550123");
    }
}
