package dev.regent.application.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static org.assertj.core.api.Assertions.assertThat;

class RebuildCommandTest {

    private static final String VIEW = "/projections/customers";

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenWait_whenRebuilding_thenProgressIsPrintedUntilTheViewIsLiveAgain() {
        region.answer("POST", VIEW + "/rebuild", 202, RegionAnswersFixture.rebuild(true, 0, 10000, 0, 0))
                .answer("GET", VIEW, 200, RegionAnswersFixture.rebuild(true, 4500, 10000, 45.0, 1500.4))
                .answer("GET", VIEW, 200, RegionAnswersFixture.rebuild(true, 4500, 10000, 45.0, 1500.4))
                .answer("GET", VIEW, 200, RegionAnswersFixture.rebuild(false, 10250, 10250, 100.0, 0));

        CliRun rebuild = regent("rebuild", "customers", "--wait", "--url=" + region.url(), "--poll-interval=10");

        assertThat(rebuild.exitCode()).isZero();
        assertThat(rebuild.out()).isEqualToNormalizingNewlines("""
                Rebuilding customers in %s
                customers:   0.0%%  0/10000 events  0 events/s
                customers:  45.0%%  4500/10000 events  1500 events/s
                Rebuilt customers: 10250 events
                """.formatted(region.url()));
        assertThat(region.count("GET", VIEW)).isEqualTo(3);
    }

    @Test
    void givenNoWait_whenRebuilding_thenItIsOnlyStarted() {
        region.answer("POST", VIEW + "/rebuild", 202, RegionAnswersFixture.rebuild(true, 0, 10000, 0, 0));

        CliRun rebuild = regent("rebuild", "customers", "--url=" + region.url());

        assertThat(rebuild.exitCode()).isZero();
        assertThat(rebuild.out()).isEqualToIgnoringNewLines("Rebuilding customers in " + region.url()
                + "; follow it with `regent projections` or GET " + region.url() + VIEW);
        assertThat(region.requests()).hasSize(1);
    }

    @Test
    void givenAViewAlreadyRebuilding_whenRebuilding_thenTheProblemIsPrintedAndExits2() {
        region.answer("POST", VIEW + "/rebuild", 409, RegionAnswersFixture.alreadyRebuilding());

        CliRun rebuild = regent("rebuild", "customers", "--wait", "--url=" + region.url());

        assertThat(rebuild.exitCode()).isEqualTo(2);
        assertThat(rebuild.err()).isEqualToIgnoringNewLines(
                "Not allowed now (409): The customers view is already rebuilding");
    }

    @Test
    void givenAnUnknownView_whenRebuilding_thenTheProblemIsPrintedAndExits2() {
        region.answer("POST", "/projections/nothing/rebuild", 404, RegionAnswersFixture.notFound("Read model nothing"));

        CliRun rebuild = regent("rebuild", "nothing", "--url=" + region.url());

        assertThat(rebuild.exitCode()).isEqualTo(2);
        assertThat(rebuild.err()).isEqualToIgnoringNewLines(
                "Not found (404): Read model nothing is not known in region eu");
    }

    @Test
    void givenNoRegionListening_whenRebuilding_thenItSaysSoAndExits2() {
        String nobody = StandInRegion.nobodyListening();

        CliRun rebuild = regent("rebuild", "customers", "--url=" + nobody);

        assertThat(rebuild.exitCode()).isEqualTo(2);
        assertThat(rebuild.err()).isEqualToIgnoringNewLines("cannot reach " + nobody + ": is the region running?");
    }
}
