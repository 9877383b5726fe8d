package dev.leadflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.leadflow.messaging.ChannelProperties.Channel;

class ChannelRouterTest {

    private final ChannelRouter router = new ChannelRouter(List.of(
            new Channel("br", "Brazil", List.of("BR"), null, null, 40),
            new Channel("br-acme", "Brazil ACME", List.of("BR"), List.of("acme"), null, null),
            new Channel("maria", "Maria's number", null, null, List.of("maria"), 20),
            new Channel("latam", "Latin America", List.of("AR", "MX", "BR"), null, null, null)),
            "default-id", 80);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # case,                                     market, brand, owner, channel
            market only,                                 BR,     -,     -,     br
            market and brand beat market only,           BR,     ACME,  -,     br-acme
            first declared breaks a tie,                 BR,     -,     maria, br
            owner alone,                                 US,     -,     maria, maria
            second market of a list,                     MX,     -,     -,     latam
            nothing matches: the default number,         US,     -,     joao,  default-id
            no market known: the default number,         -,      -,     -,     default-id
            """)
    void picksTheMostSpecificMatch(String name, String market, String brand, String owner, String expected) {
        assertThat(router.pick(market, brand, owner).id()).isEqualTo(expected);
    }

    @Test
    void eachChannelHasItsOwnRate() {
        assertThat(router.pick("BR", null, null).ratePerSecond()).isEqualTo(40);
        assertThat(router.pick("MX", null, null).ratePerSecond()).isEqualTo(80);
        assertThat(router.pick(null, null, null).ratePerSecond()).isEqualTo(80);
        assertThat(router.all()).extracting(ChannelRouter.Route::id)
                .containsExactly("default-id", "br", "br-acme", "maria", "latam");
    }

    @Test
    void aBadChannelListStopsTheStart() {
        assertThatThrownBy(() -> new ChannelRouter(List.of(new Channel(" ", null, null, null, null, null)), "d", 80))
                .hasMessageContaining("leadflow.channels[0].id");
        assertThatThrownBy(() -> new ChannelRouter(List.of(new Channel("a", null, null, null, null, null),
                new Channel("a", null, null, null, null, null)), "d", 80))
                .hasMessageContaining("leadflow.channels[1].id");
        assertThatThrownBy(() -> new ChannelRouter(List.of(new Channel("a", null, null, null, null, 0)), "d", 80))
                .hasMessageContaining("rate-per-second");
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            +5511999990000, en-US, BR
            +16505551234,   pt-BR, US
            +818012345678,  -,     JP
            -,              pt-BR, BR
            not-a-number,   es-MX, MX
            -,              pt,    -
            """)
    void aLeadsMarketIsItsPhoneCountryElseItsLocaleCountry(String phone, String locale, String market) {
        assertThat(Markets.of(phone, locale)).isEqualTo(java.util.Optional.ofNullable(market));
    }
}
