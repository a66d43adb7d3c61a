package dev.regent.application.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static org.assertj.core.api.Assertions.assertThat;

class ShadowActionsTest {

    private static final String SHADOW = "/projections/customers/shadow";

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenShadowAsOfAndWait_whenRun_thenProgressThenWhatASwapWouldChangeIsPrintedAndExits1() {
        region.answer("POST", SHADOW + "?asOf=2026-11-23T10%3A15%3A30Z", 202, building(0, 0))
                .answer("GET", SHADOW, 200, building(600, 40.0))
                .answer("GET", SHADOW, 200, built(1, 2, 0));

        CliRun shadow = regent("rebuild", "customers", "--shadow", "--as-of=2026-11-23T10:15:30Z", "--wait",
                "--url=" + region.url(), "--poll-interval=10");

        assertThat(shadow.exitCode()).as(shadow.err()).isEqualTo(1);
        assertThat(shadow.out()).isEqualToNormalizingNewlines("""
                Building a shadow of customers as of 2026-11-23T10:15:30Z in %s
                customers:   0.0%%  0/1500 events  0 events/s
                customers:  40.0%%  600/1500 events  900 events/s
                Shadow of customers: BUILT, 1500 events read (1200 events/s)
                A swap would add 1 rows, change 2, remove 0
                  added:   c-9
                  changed: c-1, c-2
                """.formatted(region.url()));
    }

    @Test
    void givenABuiltShadowWithoutDifference_whenDiffed_thenItSaysSoAndExits0() {
        region.answer("GET", SHADOW, 200, built(0, 0, 0));

        CliRun diff = regent("rebuild", "customers", "--diff", "--url=" + region.url());

        assertThat(diff.exitCode()).isZero();
        assertThat(diff.out()).contains("A swap would add 0 rows, change 0, remove 0");
    }

    @Test
    void givenABuiltShadow_whenSwapped_thenWhatChangedIsPrinted() {
        region.answer("POST", SHADOW + "/swap", 200, built(1, 2, 0).replace("BUILT", "SWAPPED"));

        CliRun swap = regent("rebuild", "customers", "--swap", "--reason=drift", "--url=" + region.url());

        assertThat(swap.exitCode()).isZero();
        assertThat(swap.out()).isEqualToIgnoringNewLines(
                "Swapped the shadow of customers in: 1 rows added, 2 changed, 0 removed");
        assertThat(region.requests().get(0).body()).isEqualTo("{\"reason\":\"drift\"}");
    }

    @Test
    void givenAnAsOfShadow_whenSwapped_thenTheRefusalIsPrintedAndExits2() {
        region.answer("POST", SHADOW + "/swap", 409, """
                {"title":"Not allowed now","status":409,"detail":"The shadow of customers shows the view as of \
                2026-11-23T10:15:30Z: swapping it in would drop every event after that instant."}
                """);

        CliRun swap = regent("rebuild", "customers", "--swap", "--url=" + region.url());

        assertThat(swap.exitCode()).isEqualTo(2);
        assertThat(swap.err()).startsWith("Not allowed now (409): The shadow of customers shows the view as of");
    }

    @Test
    void givenAShadow_whenDiscarded_thenItIsGone() {
        region.answer("DELETE", SHADOW, 204, "");

        CliRun discard = regent("rebuild", "customers", "--discard", "--url=" + region.url());

        assertThat(discard.exitCode()).as(discard.err()).isZero();
        assertThat(discard.out()).isEqualToIgnoringNewLines("Discarded the shadow of customers");
    }

    @Test
    void givenAsOfWithoutShadow_whenRun_thenRefusedWithoutAsking() {
        CliRun refused = regent("rebuild", "customers", "--swap", "--as-of=2026-11-23T10:15:30Z",
                "--url=" + region.url());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualToIgnoringNewLines("--as-of goes with --shadow");
        assertThat(region.requests()).isEmpty();
    }

    @Test
    void givenTwoShadowActions_whenRun_thenPicocliRefusesThem() {
        CliRun refused = regent("rebuild", "customers", "--swap", "--discard", "--url=" + region.url());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(region.requests()).isEmpty();
    }

    private static String building(long position, double percent) {
        return """
                {"view":"customers","shadowView":"customers~shadow","state":"BUILDING","asOf":"2026-11-23T10:15:30Z",
                 "position":%d,"target":1500,"percent":%s,"eventsPerSecond":%s,"eventsRead":%d,
                 "skippedAfterAsOf":0,"failedEvents":0,"difference":null}
                """.formatted(position, percent, position * 1.5, position);
    }

    private static String built(long added, long changed, long removed) {
        return """
                {"view":"customers","shadowView":"customers~shadow","state":"BUILT","asOf":null,
                 "position":1500,"target":1500,"percent":100.0,"eventsPerSecond":1200.0,"eventsRead":1500,
                 "skippedAfterAsOf":0,"failedEvents":0,
                 "difference":{"added":%d,"changed":%d,"removed":%d,"addedSample":%s,"changedSample":%s,
                               "removedSample":[]}}
                """.formatted(added, changed, removed, added == 0 ? "[]" : "[\"c-9\"]",
                changed == 0 ? "[]" : "[\"c-1\",\"c-2\"]");
    }
}
