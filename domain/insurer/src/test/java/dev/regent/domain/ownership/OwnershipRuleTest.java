package dev.regent.domain.ownership;

import dev.regent.insurer.claims.Claim;
import dev.regent.insurer.identity.CustomerFixture;
import dev.regent.insurer.identity.CustomerIdentity;
import dev.regent.insurer.identity.RegisterCustomerCommand;
import dev.regent.insurer.policy.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnershipRuleTest {

    private static final Region EU = Region.of("eu");
    private static final Region US = Region.of("us");
    private static final Region APAC = Region.of("apac");
    private static final JurisdictionMap JURISDICTIONS = JurisdictionMap.of(Map.of(
            EU, List.of("FR", "DE"), US, List.of("US"), APAC, List.of("SG", "AU")));

    @Test
    void insurerAggregatesDeclareTheirRules() {
        assertThat(OwnershipRules.of(CustomerIdentity.class)).isEqualTo(new OwnershipRule.Home("domicile"));
        assertThat(OwnershipRules.of(Policy.class)).isEqualTo(new OwnershipRule.Native());
        assertThat(OwnershipRules.of(Claim.class)).isEqualTo(new OwnershipRule.Native());
    }

    @Test
    void homeRuleMapsTheCreatingCommandsAttributeThroughJurisdictions() {
        RegisterCustomerCommand french = CustomerFixture.registerFrenchCustomer();
        assertThat(new OwnershipRule.Home("domicile").ownerFor(french, APAC, JURISDICTIONS)).isEqualTo(EU);
    }

    @Test
    void homeRuleRefusesAJurisdictionNoRegionIsHomeFor() {
        record Register(String domicile) {
        }
        assertThatThrownBy(() -> new OwnershipRule.Home("domicile").ownerFor(new Register("BR"), EU, JURISDICTIONS))
                .isInstanceOf(UnknownJurisdictionException.class)
                .hasMessage("domicile: 'BR' is not a jurisdiction any region is home for");
    }

    @Test
    void nativeRuleOwnsWhereTheCommandWasAccepted() {
        assertThat(new OwnershipRule.Native().ownerFor(new Object(), APAC, JURISDICTIONS)).isEqualTo(APAC);
    }

    @Test
    void staticRuleAlwaysOwnsInItsRegion() {
        @StaticOwnership("us")
        class Catalogue {
        }
        assertThat(OwnershipRules.of(Catalogue.class).ownerFor(new Object(), EU, JURISDICTIONS)).isEqualTo(US);
        assertThat(OwnershipRules.of(Catalogue.class).describe()).isEqualTo("STATIC(us)");
    }

    @Test
    void anAggregateWithoutOrWithTwoRulesIsAConfigurationError() {
        class Unowned {
        }
        @NativeOwnership
        @StaticOwnership("eu")
        class Confused {
        }
        assertThatThrownBy(() -> OwnershipRules.of(Unowned.class)).hasMessageContaining("declares no ownership rule");
        assertThatThrownBy(() -> OwnershipRules.of(Confused.class)).hasMessageContaining("more than one");
    }

    @Test
    void aJurisdictionCannotBelongToTwoRegions() {
        assertThatThrownBy(() -> JurisdictionMap.of(Map.of(EU, List.of("FR"), US, List.of("fr"))))
                .hasMessageContaining("FR is mapped to two regions");
    }
}
