package dev.regent.application.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static dev.regent.application.cli.RegionAnswersFixture.RUN;
import static org.assertj.core.api.Assertions.assertThat;

class ReconcileCommandTest {

    private static final String RUNS = "/reconciliation/runs";
    private static final String THE_RUN = RUNS + "/" + RUN;

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenNoDrift_whenReconciling_thenTheRunIsFollowedToItsEndAndExits0() {
        region.answer("POST", RUNS, 202, RegionAnswersFixture.running(true))
                .answer("GET", THE_RUN, 200, RegionAnswersFixture.running(true))
                .answer("GET", THE_RUN, 200, RegionAnswersFixture.clean());

        CliRun reconcile = regent("reconcile", "--url=" + region.url(), "--poll-interval=10");

        assertThat(reconcile.exitCode()).isZero();
        assertThat(region.requests().get(0).body()).isEqualTo("{\"repair\":true}");
        assertThat(region.count("GET", THE_RUN)).isEqualTo(2);
        assertThat(reconcile.out()).startsWith("Run " + RUN + " RUNNING .. COMPLETED\n")
                .contains("Reconciliation run " + RUN + ": COMPLETED (repair on, triggered by api)")
                .contains("""
                        SUMMARY             COUNT
                        ------------------  -----
                        buckets compared     1536
                        buckets differing       0
                        MISSING                 0
                        STALE                   0
                        DIVERGED                0
                        ORPHANED                0
                        UNREADABLE              0
                        incidents               0
                        errors                  0
                        events republished      0
                        """)
                .endsWith("No drift: every replica compared matches its owner, every own view its event store.\n")
                .doesNotContain("Incidents").doesNotContain("Errors");
    }

    @Test
    void givenDrift_whenReconcilingWithoutRepair_thenTheDriftIsTabledAndExits1() {
        region.answer("POST", RUNS, 202, RegionAnswersFixture.running(false))
                .answer("GET", THE_RUN, 200, RegionAnswersFixture.drifted(false));

        CliRun reconcile = regent("reconcile", "--no-repair", "--url=" + region.url(), "--poll-interval=10");

        assertThat(reconcile.exitCode()).isEqualTo(1);
        assertThat(region.requests().get(0).body()).isEqualTo("{\"repair\":false}");
        assertThat(reconcile.out()).contains("""
                        MISSING                 1
                        STALE                   0
                        DIVERGED                2
                        ORPHANED                0
                        UNREADABLE              0
                        incidents               1
                        errors                  0
                        events republished      -
                        """)
                .contains("""
                        AGGREGATE TYPE    DRIFTED  THRESHOLD
                        ----------------  -------  ---------
                        CustomerIdentity        1          0
                        """)
                .endsWith("""
                        VIEW       AGGREGATE  OWNER  COPY        DRIFT     OWNER SEQ  COPY SEQ
                        ---------  ---------  -----  ----------  --------  ---------  --------
                        customers  c-1        eu     replica     MISSING           2         -
                        policies   p-7        apac   replica     DIVERGED          0         0
                        claims     k-3        us     owner view  DIVERGED          1         1
                        """);
    }

    @Test
    void givenDriftRepaired_whenReconciling_thenTheEventsRepublishedAreCounted() {
        region.answer("POST", RUNS, 202, RegionAnswersFixture.running(true))
                .answer("GET", THE_RUN, 200, RegionAnswersFixture.drifted(true));

        CliRun reconcile = regent("reconcile", "--url=" + region.url(), "--poll-interval=10");

        assertThat(reconcile.exitCode()).isEqualTo(1);
        assertThat(reconcile.out()).contains("events republished      4\n");
    }

    @Test
    void givenARunThatCouldNotReachEveryOwner_whenReconciling_thenItsErrorsArePrintedAndExits2() {
        region.answer("POST", RUNS, 202, RegionAnswersFixture.running(true))
                .answer("GET", THE_RUN, 200, RegionAnswersFixture.completedWithErrors());

        CliRun reconcile = regent("reconcile", "--url=" + region.url(), "--poll-interval=10");

        assertThat(reconcile.exitCode()).isEqualTo(2);
        assertThat(reconcile.out()).contains("""
                Errors
                - customers with apac: I/O error on GET request for "http://apac:8083/internal/reconciliation"
                """);
        assertThat(reconcile.err()).contains("run " + RUN + " COMPLETED_WITH_ERRORS with 1 error(s)");
    }

    @Test
    void givenAFailedRun_whenReconciling_thenExits2() {
        region.answer("POST", RUNS, 202, RegionAnswersFixture.running(true))
                .answer("GET", THE_RUN, 200, RegionAnswersFixture.failed());

        CliRun reconcile = regent("reconcile", "--url=" + region.url(), "--poll-interval=10");

        assertThat(reconcile.exitCode()).isEqualTo(2);
        assertThat(reconcile.out()).contains(": FAILED (repair on").contains("connection lost");
        assertThat(reconcile.err()).contains("run " + RUN + " FAILED");
    }

    @Test
    void givenNoWait_whenReconciling_thenTheRunIsOnlyStarted() {
        region.answer("POST", RUNS, 202, RegionAnswersFixture.running(true));

        CliRun reconcile = regent("reconcile", "--no-wait", "--url=" + region.url());

        assertThat(reconcile.exitCode()).isZero();
        assertThat(reconcile.out()).isEqualToIgnoringNewLines("Reconciliation run " + RUN + " started (repair on); "
                + "follow it at " + region.url() + THE_RUN);
        assertThat(region.requests()).hasSize(1);
    }

    @Test
    void givenJson_whenReconciling_thenTheFinalReportIsPrintedAndProgressGoesToStandardError() throws Exception {
        region.answer("POST", RUNS, 202, RegionAnswersFixture.running(true))
                .answer("GET", THE_RUN, 200, RegionAnswersFixture.drifted(true));

        CliRun reconcile = regent("reconcile", "--json", "--url=" + region.url(), "--poll-interval=10");

        assertThat(reconcile.exitCode()).isEqualTo(1);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(reconcile.out())).isEqualTo(json.readTree(RegionAnswersFixture.drifted(true)));
        assertThat(reconcile.err()).contains("RUNNING . COMPLETED");
    }

    @Test
    void givenARunAlreadyGoingWithRepair_whenReconcilingWithoutRepair_thenItSaysItFollowsThatOne() {
        region.answer("POST", RUNS, 202, RegionAnswersFixture.running(true))
                .answer("GET", THE_RUN, 200, RegionAnswersFixture.clean());

        CliRun reconcile = regent("reconcile", "--no-repair", "--url=" + region.url(), "--poll-interval=10");

        assertThat(reconcile.exitCode()).isZero();
        assertThat(reconcile.out()).startsWith("A run started earlier is still going (repair on): following that one.");
    }

    @Test
    void givenNoRegionListening_whenReconciling_thenItSaysSoAndExits2() {
        String nobody = StandInRegion.nobodyListening();

        CliRun reconcile = regent("reconcile", "--url=" + nobody);

        assertThat(reconcile.exitCode()).isEqualTo(2);
        assertThat(reconcile.err()).isEqualToIgnoringNewLines("cannot reach " + nobody + ": is the region running?");
    }
}
