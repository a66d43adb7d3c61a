package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.regent.domain.residency.DataClass.PERSONAL;
import static dev.regent.domain.residency.DataClass.SENSITIVE;
import static dev.regent.infrastructure.residency.EgressAction.DROP;
import static dev.regent.infrastructure.residency.EgressAction.ENCRYPT;
import static dev.regent.infrastructure.residency.EgressAction.PSEUDONYMISE;
import static dev.regent.infrastructure.residency.EgressAction.REDACT;
import static dev.regent.infrastructure.residency.EgressAction.SHARE;
import static dev.regent.infrastructure.residency.ResidencyFixture.APAC;
import static dev.regent.infrastructure.residency.ResidencyFixture.EU;
import static dev.regent.infrastructure.residency.ResidencyFixture.REGIONS;
import static dev.regent.infrastructure.residency.ResidencyFixture.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResidencyPolicyTest {

    private static ResidencyPolicy parse(String... lines) {
        return ResidencyPolicy.parse("test-policy", List.of(lines), REGIONS);
    }

    @Test
    void givenTheShippedPolicy_whenEuDataLeaves_thenUsGetsItEncryptedApacRedactedAndSensitiveIsDropped() {
        ResidencyPolicy policy = ResidencyFixture.shippedPolicy();

        assertThat(policy.actionFor(EU, US, PERSONAL)).isEqualTo(ENCRYPT);
        assertThat(policy.actionFor(EU, US, SENSITIVE)).isEqualTo(DROP);
        assertThat(policy.actionFor(EU, APAC, PERSONAL)).isEqualTo(REDACT);
        assertThat(policy.actionFor(EU, APAC, SENSITIVE)).isEqualTo(DROP);
    }

    @Test
    void givenTheShippedPolicy_whenUsDataLeaves_thenEuGetsPersonalSharedAndApacPseudonymised() {
        ResidencyPolicy policy = ResidencyFixture.shippedPolicy();

        assertThat(policy.actionFor(US, EU, PERSONAL)).isEqualTo(SHARE);
        assertThat(policy.actionFor(US, EU, SENSITIVE)).isEqualTo(REDACT);
        assertThat(policy.actionFor(US, APAC, PERSONAL)).isEqualTo(PSEUDONYMISE);
        assertThat(policy.actionFor(US, APAC, SENSITIVE)).isEqualTo(DROP);
    }

    @Test
    void givenTheShippedPolicy_whenApacDataLeaves_thenEveryOtherRegionGetsItEncrypted() {
        ResidencyPolicy policy = ResidencyFixture.shippedPolicy();

        for (Region destination : List.of(EU, US)) {
            assertThat(policy.actionFor(APAC, destination, PERSONAL)).isEqualTo(ENCRYPT);
            assertThat(policy.actionFor(APAC, destination, SENSITIVE)).isEqualTo(DROP);
        }
    }

    @Test
    void givenADestinationLineAndAStarLine_whenAsked_thenTheDestinationsLineWins() {
        ResidencyPolicy policy = parse(
                "eu -> *  : personal = DROP, sensitive = DROP",
                "eu -> us : personal = SHARE");

        assertThat(policy.actionFor(EU, US, PERSONAL)).isEqualTo(SHARE);
        assertThat(policy.actionFor(EU, APAC, PERSONAL)).isEqualTo(DROP);
    }

    @Test
    void givenADestinationLineSilentOnAClass_whenAskedForThatClass_thenTheStarLineDecides() {
        ResidencyPolicy policy = parse(
                "eu -> us : personal = SHARE",
                "eu -> *  : personal = DROP, sensitive = PSEUDONYMISE");

        assertThat(policy.actionFor(EU, US, SENSITIVE)).isEqualTo(PSEUDONYMISE);
    }

    @Test
    void givenNoLineMentionsAClass_whenAsked_thenItIsRedacted() {
        ResidencyPolicy policy = parse("eu -> us : personal = SHARE");

        assertThat(policy.actionFor(EU, US, SENSITIVE)).isEqualTo(REDACT).isEqualTo(ResidencyPolicy.DEFAULT_ACTION);
        assertThat(policy.actionFor(US, EU, PERSONAL)).isEqualTo(REDACT);
        assertThat(parse().actionFor(APAC, US, PERSONAL)).isEqualTo(REDACT);
    }

    @Test
    void givenOwnerAndDestinationAreTheSameRegion_whenAsked_thenTheDataIsShared() {
        ResidencyPolicy policy = parse("eu -> * : personal = DROP, sensitive = DROP");

        assertThat(policy.actionFor(EU, EU, PERSONAL)).isEqualTo(SHARE);
        assertThat(policy.actionFor(EU, EU, SENSITIVE)).isEqualTo(SHARE);
    }

    @Test
    void givenCommentsBlankLinesAndLowerCaseActions_whenParsed_thenOnlyTheRulesCount() {
        ResidencyPolicy policy = parse(
                "# a comment",
                "",
                "   ",
                "eu->us:personal=share,sensitive=Drop   # a trailing comment",
                "   # an indented comment");

        assertThat(policy.actionFor(EU, US, PERSONAL)).isEqualTo(SHARE);
        assertThat(policy.actionFor(EU, US, SENSITIVE)).isEqualTo(DROP);
    }

    @Test
    void givenRegionNamesWithHyphens_whenParsed_thenTheyAreRecognised() {
        Region euWest = Region.of("eu-west");
        Region usEast = Region.of("us-east");

        ResidencyPolicy policy = ResidencyPolicy.parse("test-policy",
                List.of("eu-west -> us-east : personal = ENCRYPT", "us-east->* : personal = SHARE"),
                List.of(euWest, usEast));

        assertThat(policy.actionFor(euWest, usEast, PERSONAL)).isEqualTo(ENCRYPT);
        assertThat(policy.actionFor(usEast, euWest, PERSONAL)).isEqualTo(SHARE);
    }

    @Test
    void givenAFileWithErrors_whenParsed_thenEveryFaultyLineIsNamedByNumberWithWhatIsWrong() {
        List<String> lines = List.of(
                "# line 1 is a comment",
                "eu -> us : personal = ENCRYPT",
                "mars -> us : personal = SHARE",
                "eu -> venus : personal = SHARE",
                "us -> eu : medical = SHARE",
                "us -> apac : personal = LEAK",
                "this is not a rule",
                "apac -> eu : personal = SHARE, personal = REDACT",
                "eu -> us : personal = DROP",
                "eu -> eu : personal = SHARE",
                "",
                "us -> * : personal",
                "apac -> us : sensitive = DROP");

        assertThatThrownBy(() -> ResidencyPolicy.parse("broken-policy.txt", lines, REGIONS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken-policy.txt")
                .hasMessageContaining("line 3: unknown region 'mars' (regions: apac, eu, us)")
                .hasMessageContaining("line 4: unknown region 'venus' (regions: apac, eu, us, or *)")
                .hasMessageContaining("line 5: unknown class 'medical' (classes: personal, sensitive)")
                .hasMessageContaining("line 6: unknown action 'LEAK' (actions: SHARE, REDACT, PSEUDONYMISE, "
                        + "ENCRYPT, DROP)")
                .hasMessageContaining("line 7: 'this is not a rule' is not 'owner -> destination : class = ACTION, "
                        + "...'")
                .hasMessageContaining("line 8: 'personal' is given twice for apac -> eu")
                .hasMessageContaining("line 9: 'personal' is given twice for eu -> us")
                .hasMessageContaining("line 10: 'eu -> eu': data does not leave its own region")
                .hasMessageContaining("line 12: 'personal' is not 'class = ACTION'")
                .satisfies(error -> assertThat(error.getMessage())
                        .doesNotContain("line 1:", "line 2:", "line 11:", "line 13:"));
    }

    @Test
    void givenTheShippedPolicyFile_whenParsedForOtherRegions_thenItsRegionsAreReportedUnknown() {
        assertThatThrownBy(() -> ResidencyPolicy.parse("classpath:residency-policy.txt",
                ResidencyFixture.shippedPolicyLines(), List.of(EU, US)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown region 'apac' (regions: eu, us)")
                .hasMessageContaining("unknown region 'apac' (regions: eu, us, or *)");
    }
}
