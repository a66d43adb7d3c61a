package dev.regent.domain.identity;

import dev.regent.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerValuesTest {

    @Test
    void countryCodeIsNormalisedToUpperCase() {
        assertThat(new CountryCode(" fr ").value()).isEqualTo("FR");
    }

    @Test
    void invalidValuesNameTheirField() {
        assertThatThrownBy(() -> new CountryCode("France")).isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("domicile");
        assertThatThrownBy(() -> new EmailAddress("not-an-email"))
                .hasMessageContaining("email").extracting(e -> ((InvalidValueException) e).field()).isEqualTo("email");
        assertThatThrownBy(() -> new PhoneNumber("call me")).extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("phone");
        assertThatThrownBy(() -> new PersonName("  ")).extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("name");
        assertThatThrownBy(() -> new CustomerId("has spaces")).extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("customerId");
    }

    @Test
    void contactChangeNeedsAtLeastOneField() {
        assertThatThrownBy(() -> new ChangeCustomerContactCommand(new CustomerId("c-1"), null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("email or phone");
    }

    @Test
    void idsPrintAsTheirValueBecauseAxonUsesToStringAsAggregateIdentifier() {
        assertThat(new CustomerId("c-42")).hasToString("c-42");
    }
}
