package dev.regent.insurer.identity;

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
    void textWithControlCharactersOrUnpairedSurrogatesIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new PersonName("A\u0000B"))
                .hasMessage("name: contains the control character U+0000 at position 2");
        assertThatThrownBy(() -> new PersonName("Am\u00e9lie\u001b[31m"))
                .hasMessage("name: contains the control character U+001B at position 7");
        assertThatThrownBy(() -> new EmailAddress("a\u0085@example.com"))
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("email");
        assertThatThrownBy(() -> new PersonName("Ann\uD800"))
                .hasMessage("name: contains an unpaired surrogate U+D800 at position 4 (not valid Unicode)");
        assertThatThrownBy(() -> new PersonName("\uDC00Ann"))
                .hasMessageContaining("unpaired surrogate U+DC00 at position 1");
        assertThatThrownBy(() -> new SuspendCustomerCommand(new CustomerId("c-1"), "line\nbreak"))
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("reason");
    }

    @Test
    void textOutsideTheBasicPlaneAndAccentsAreKept() {
        assertThat(new PersonName("Zoë \uD83D\uDE00 Łukasz 李").value()).isEqualTo("Zoë \uD83D\uDE00 Łukasz 李");
    }

    @Test
    void lengthsAreBoundedPerField() {
        assertThat(new PersonName("a".repeat(PersonName.MAX_LENGTH)).value()).hasSize(200);
        assertThatThrownBy(() -> new PersonName("a".repeat(PersonName.MAX_LENGTH + 1)))
                .hasMessage("name: must be at most 200 characters");
        assertThatThrownBy(() -> new CustomerId("c".repeat(10_000)))
                .hasMessage("customerId: must be at most 64 characters");
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

    @Test
    void languageCodesAreNormalisedAndTheDomicilesLanguageIsTheDefault() {
        assertThat(new LanguageCode(" FR ").value()).isEqualTo("fr");
        assertThatThrownBy(() -> new LanguageCode("fra")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("preferredLanguage");
        assertThat(LanguageCode.defaultFor("FR")).isEqualTo(new LanguageCode("fr"));
        assertThat(LanguageCode.defaultFor("jp")).isEqualTo(new LanguageCode("ja"));
        assertThat(LanguageCode.defaultFor("BR")).as("a country the insurer has no language for")
                .isEqualTo(LanguageCode.FALLBACK);
        assertThat(LanguageCode.defaultFor(null)).isEqualTo(LanguageCode.FALLBACK);
    }
}
