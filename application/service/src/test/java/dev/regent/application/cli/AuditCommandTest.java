package dev.regent.application.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.regent.application.cli.CliRun.regent;
import static dev.regent.application.cli.RegionAnswersFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

class AuditCommandTest {

    private static final String AUDIT = "/audit/CustomerIdentity/" + CUSTOMER;

    private final StandInRegion region = StandInRegion.start();

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void givenTheOwnerRegion_whenAuditingAsOfAnInstant_thenHeaderTrailStateAndOwnershipArePrinted() {
        region.answer("GET", AUDIT + "?asOf=2026-11-23T10%3A15%3A30Z", 200, RegionAnswersFixture.audit());

        CliRun audit = regent("audit", "CustomerIdentity", CUSTOMER, "--as-of=2026-11-23T10:15:30Z",
                "--url=" + region.url());

        assertThat(audit.exitCode()).isZero();
        assertThat(audit.err()).isEmpty();
        assertThat(audit.out()).isEqualToNormalizingNewlines("""
                Aggregate: CustomerIdentity %1$s
                Version:   2
                As of:     2026-11-23T10:15:30Z

                Events
                SEQ  TIME                      TYPE                         ORIGIN  EPOCH  ACCEPTED IN
                ---  ------------------------  ---------------------------  ------  -----  -----------
                  0  2026-11-23T10:00:00Z      CustomerRegisteredEvent      eu          1  apac
                  1  2026-11-23T10:05:00.250Z  CustomerContactChangedEvent  eu          1  us

                State
                customerId: %1$s
                domicile: FR
                email: amelie1@example.fr
                name: Amélie Poulain
                phone: +33 1 00 00 00 01

                Ownership
                EPOCH  OWNER  RULE            KIND      REASON       AT
                -----  -----  --------------  --------  -----------  --------------------
                    1  eu     HOME(domicile)  ASSIGNED  domicile FR  2026-11-23T10:00:00Z
                """.formatted(CUSTOMER));
    }

    @Test
    void givenJson_whenAuditing_thenTheRegionsAnswerIsPrintedAsItIs() throws Exception {
        region.answer("GET", AUDIT, 200, RegionAnswersFixture.audit());

        CliRun audit = regent("audit", "CustomerIdentity", CUSTOMER, "--json", "--url=" + region.url());

        assertThat(audit.exitCode()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(audit.out())).isEqualTo(json.readTree(RegionAnswersFixture.audit()));
        assertThat(audit.out()).contains("\n  \"aggregateType\" : \"CustomerIdentity\",");
    }

    @Test
    void givenARegionThatDoesNotOwnTheAggregate_whenAuditing_thenItNamesTheOwnerAndExits2() {
        region.answer("GET", AUDIT, 409, RegionAnswersFixture.notTheOwner());

        CliRun audit = regent("audit", "CustomerIdentity", CUSTOMER, "--url=" + region.url());

        assertThat(audit.exitCode()).isEqualTo(2);
        assertThat(audit.out()).isEmpty();
        assertThat(audit.err()).contains("audits run on the owner region: eu")
                .contains(region.url() + " is us").contains("--url=<eu's base URL>");
    }

    @Test
    void givenAnUnknownAggregate_whenAuditing_thenTheProblemsTitleAndDetailArePrinted() {
        region.answer("GET", "/audit/Policy/" + CUSTOMER, 404, RegionAnswersFixture.notFound("Policy " + CUSTOMER));

        CliRun audit = regent("audit", "Policy", CUSTOMER, "--url=" + region.url());

        assertThat(audit.exitCode()).isEqualTo(2);
        assertThat(audit.err()).isEqualToIgnoringNewLines(
                "Not found (404): Policy " + CUSTOMER + " is not known in region eu");
    }

    @Test
    void givenNoRegionListening_whenAuditing_thenItSaysSoAndExits2() {
        String nobody = StandInRegion.nobodyListening();

        CliRun audit = regent("audit", "CustomerIdentity", CUSTOMER, "--url=" + nobody);

        assertThat(audit.exitCode()).isEqualTo(2);
        assertThat(audit.err()).isEqualToIgnoringNewLines("cannot reach " + nobody + ": is the region running?");
    }

    @Test
    void givenAnInstantThatIsNotOne_whenAuditing_thenNothingIsAskedAndTheUsageIsShown() {
        CliRun audit = regent("audit", "CustomerIdentity", CUSTOMER, "--as-of=yesterday", "--url=" + region.url());

        assertThat(audit.exitCode()).isEqualTo(2);
        assertThat(audit.err()).contains("Invalid value for option '--as-of'").contains("Usage: regent audit");
        assertThat(region.requests()).isEmpty();
    }

    @Test
    void givenAnInstantAndASequence_whenAuditing_thenNothingIsAskedAndTheUsageSaysOneOrTheOther() {
        CliRun audit = regent("audit", "CustomerIdentity", CUSTOMER, "--as-of=2026-11-23T10:15:30Z",
                "--at-sequence=1", "--url=" + region.url());

        assertThat(audit.exitCode()).isEqualTo(2);
        assertThat(audit.err()).contains("mutually exclusive").contains("Usage: regent audit");
        assertThat(region.requests()).isEmpty();
    }

    @Test
    void givenAUrlThatIsNotOne_whenAuditing_thenItSaysWhatAUrlLooksLike() {
        CliRun audit = regent("audit", "CustomerIdentity", CUSTOMER, "--url=localhost:8081");

        assertThat(audit.exitCode()).isEqualTo(2);
        assertThat(audit.err()).contains("--url must be a region's base URL such as http://localhost:8081");
    }
}
