package dev.regent.application.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersCommandTest {

    private static final String PARKED = """
            [{"letterId":"l-1","view":"customers","aggregateType":"CustomerIdentity","aggregateId":"c-7",
              "sequenceNumber":1,"position":0,"eventId":"e-1",
              "payloadType":"dev.regent.insurer.identity.CustomerContactChangedEvent","payloadRevision":"2",
              "reason":"newer-revision","detail":"CustomerContactChangedEvent revision 2 is newer than this region knows",
              "parkedAt":"2026-11-23T10:00:00Z"},
             {"letterId":"l-2","view":"customers","aggregateType":"CustomerIdentity","aggregateId":"c-7",
              "sequenceNumber":2,"position":1,"eventId":"e-2",
              "payloadType":"dev.regent.insurer.identity.CustomerSuspendedEvent","payloadRevision":"1",
              "reason":"waiting-behind","parkedAt":"2026-11-23T10:00:01Z"}]
            """;

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenParkedEvents_whenListing_thenEachIsARowWithItsReason_andTheExitCodeSaysSome() {
        region.answer("GET", "/dead-letters", 200, PARKED);

        CliRun listed = regent("dead-letters", "--url=" + region.url());

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.out()).contains("newer-revision", "waiting-behind", "CustomerContactChangedEvent", "l-2")
                .contains("revision 2 is newer than this region knows");
    }

    @Test
    void givenNothingParked_whenListingOneView_thenItSaysSoAndExits0() {
        region.answer("GET", "/dead-letters?view=claims", 200, "[]");

        CliRun listed = regent("dead-letters", "--view=claims", "--url=" + region.url());

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("Nothing parked in " + region.url());
    }

    @Test
    void givenAView_whenSkipping_thenTheRegionIsAskedAndWhatIsLeftIsShown() {
        region.answer("POST", "/dead-letters/customers/l-1/skip", 200,
                "{\"view\":\"customers\",\"aggregatesTried\":1,\"aggregatesCleared\":1,\"stillParked\":0}");

        CliRun withoutReason = regent("dead-letters", "--view=customers", "--skip=l-1", "--url=" + region.url());
        CliRun skipped = regent("dead-letters", "--view=customers", "--skip=l-1", "--reason=bad import, ticket 7",
                "--url=" + region.url());

        assertThat(withoutReason.exitCode()).isEqualTo(2);
        assertThat(withoutReason.err()).contains("--skip needs --reason");
        assertThat(skipped.exitCode()).isZero();
        assertThat(region.count("POST", "/dead-letters/customers/l-1/skip")).isEqualTo(1);
        assertThat(region.requests().get(0).body()).contains("bad import, ticket 7");
        assertThat(skipped.out()).contains("customers");
    }

    @Test
    void givenNoView_whenRetrying_thenItRefusesWithoutAskingTheRegion() {
        CliRun retried = regent("dead-letters", "--retry", "--url=" + region.url());

        assertThat(retried.exitCode()).isEqualTo(2);
        assertThat(retried.err()).contains("--retry and --skip need --view");
        assertThat(region.requests()).isEmpty();
    }
}
