package dev.leadflow.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutWordsTest {

    private final OptOutWords words = OptOutWords.of("STOP", "PARAR", "SAIR", "Stop promotions", "Parar promoções");

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", " Stop ", "STOP!", "stop.", "Parar", "PARAR", "párar", "sair",
            "Stop promotions", "stop   PROMOTIONS", "parar promocoes", "PARAR PROMOÇÕES", "\"Sair\""})
    void theWholeMessageBeingAnOptOutWordOptsOut(String message) {
        assertThat(words.matches(message)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"don't stop", "stop it please", "Quero parar de fumar", "sair amanhã", "stopp",
            "S T O P", "", "   ", "Stop, promotions are fine"})
    void aMessageMerelyContainingAnOptOutWordDoesNot(String message) {
        assertThat(words.matches(message)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void noTextIsNoOptOut() {
        assertThat(words.matches(null)).isFalse();
    }
}
