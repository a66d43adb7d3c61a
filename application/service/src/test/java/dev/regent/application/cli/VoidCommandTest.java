package dev.regent.application.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static org.assertj.core.api.Assertions.assertThat;

class VoidCommandTest {

    private static final String VOID = """
            {"voidId":"void-9f8e","reason":"limits x100","voidedBy":"olga","voidedAt":"2026-12-03T10:05:00Z",
             "events":52,"aggregates":50,"aggregateIds":["pol-1"],"ownedElsewhere":0}
            """;

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenAFreeze_whenVoidingWhatItSelects_thenTheRegionIsAskedWithIt_andTheVoidIsShown() {
        region.answer("POST", "/containment/voids", 201, VOID);

        CliRun withoutReason = regent("void", "--freeze=frz-1a2b", "--url=" + region.url());
        CliRun voided = regent("void", "--freeze=frz-1a2b", "--reason=limits x100", "--url=" + region.url());

        assertThat(withoutReason.exitCode()).isEqualTo(2);
        assertThat(withoutReason.err()).contains("needs --reason");
        assertThat(voided.exitCode()).isZero();
        assertThat(region.count("POST", "/containment/voids")).isEqualTo(1);
        assertThat(region.requests().get(0).body()).contains("\"freezeId\":\"frz-1a2b\"", "limits x100");
        assertThat(voided.out()).contains("void-9f8e", "52", "50", "olga");
    }

    @Test
    void givenEventIds_whenVoiding_thenEveryIdIsSent() {
        region.answer("POST", "/containment/voids", 201, VOID);

        CliRun voided = regent("void", "--event=e-1", "--event=e-2", "--reason=typo", "--url=" + region.url());

        assertThat(voided.exitCode()).isZero();
        assertThat(region.requests().get(0).body()).contains("\"eventIds\":[\"e-1\",\"e-2\"]");
    }

    @Test
    void givenVoids_whenListing_thenTheyAreShown() {
        region.answer("GET", "/containment/voids", 200, "[" + VOID + "]");

        CliRun listed = regent("void", "--url=" + region.url());

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("void-9f8e", "olga", "limits x100");
    }
}
