package dev.regent.application.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectionsCommandTest {

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenARegion_whenListingProjections_thenEachReadModelIsARow() {
        region.answer("GET", "/projections", 200, RegionAnswersFixture.projections());

        CliRun projections = regent("projections", "--url=" + region.url());

        assertThat(projections.exitCode()).isZero();
        assertThat(projections.out()).isEqualToNormalizingNewlines("""
                VIEW       STATE       POSITION  TARGET  PERCENT  EVENTS/S  STARTED               ERROR
                ---------  ----------  --------  ------  -------  --------  --------------------  ------------------------------
                customers  rebuilding      4500   10000    45.0%      1500  2026-11-23T12:00:00Z  -
                policies   live            2300    2300   100.0%         0  -                     -
                claims     failing           12      12   100.0%         0  -                     java.io.IOException: disk full
                """);
    }

    @Test
    void givenJson_whenListingProjections_thenTheRegionsAnswerIsPrinted() throws Exception {
        region.answer("GET", "/projections", 200, RegionAnswersFixture.projections());

        CliRun projections = regent("projections", "--json", "--url=" + region.url());

        assertThat(projections.exitCode()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(projections.out())).isEqualTo(json.readTree(RegionAnswersFixture.projections()));
    }

    @Test
    void givenNoRegionListening_whenListingProjections_thenItSaysSoAndExits2() {
        String nobody = StandInRegion.nobodyListening();

        CliRun projections = regent("projections", "--url=" + nobody);

        assertThat(projections.exitCode()).isEqualTo(2);
        assertThat(projections.err()).isEqualToIgnoringNewLines("cannot reach " + nobody + ": is the region running?");
    }
}
