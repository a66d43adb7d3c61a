package dev.regent.application.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static org.assertj.core.api.Assertions.assertThat;

class FreezeCommandTest {

    private static final String FREEZE = """
            {"id":"frz-1a2b","active":true,"describedScope":"origin eu, aggregate Policy","heldHere":12,
             "frozenBy":"olga","issuedIn":"us","reason":"limits x100","frozenAt":"2026-12-03T10:00:00Z"}
            """;

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenAScope_whenFreezing_thenTheRegionIsAskedWithIt_andTheFreezeIsShown() {
        region.answer("POST", "/containment/freezes", 201, FREEZE);

        CliRun withoutReason = regent("freeze", "--origin=eu", "--url=" + region.url());
        CliRun frozen = regent("freeze", "--origin=eu", "--aggregate-type=Policy", "--since=2026-12-03T10:00:00Z",
                "--reason=limits x100", "--url=" + region.url());

        assertThat(withoutReason.exitCode()).isEqualTo(2);
        assertThat(withoutReason.err()).contains("needs --reason");
        assertThat(frozen.exitCode()).isZero();
        assertThat(region.count("POST", "/containment/freezes")).isEqualTo(1);
        assertThat(region.requests().get(0).body()).contains("\"originRegion\":\"eu\"", "\"aggregateType\":\"Policy\"",
                "\"writtenSince\":\"2026-12-03T10:00:00Z\"", "limits x100");
        assertThat(frozen.out()).contains("frz-1a2b", "origin eu, aggregate Policy", "12");
    }

    @Test
    void givenAnActiveFreeze_whenListing_thenItIsShown_andTheExitCodeSaysSo() {
        region.answer("GET", "/containment/freezes", 200, "[" + FREEZE + "]");

        CliRun listed = regent("freeze", "--url=" + region.url());

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.out()).contains("frz-1a2b", "olga", "us");
    }

    @Test
    void givenAFreeze_whenThawing_thenTheRegionIsAsked() {
        region.answer("POST", "/containment/freezes/frz-1a2b/thaw", 200,
                FREEZE.replace("\"active\":true", "\"active\":false"));

        CliRun thawed = regent("freeze", "--thaw=frz-1a2b", "--reason=voided", "--url=" + region.url());

        assertThat(thawed.exitCode()).isZero();
        assertThat(region.count("POST", "/containment/freezes/frz-1a2b/thaw")).isEqualTo(1);
    }
}
