package dev.regent.insurer.api;

import dev.regent.application.web.RequestFieldLimits;
import dev.regent.domain.shared.Values;
import dev.regent.insurer.claims.FileClaimCommand;
import dev.regent.insurer.identity.CountryCode;
import dev.regent.insurer.identity.EmailAddress;
import dev.regent.insurer.identity.PersonName;
import dev.regent.insurer.identity.PhoneNumber;
import dev.regent.insurer.identity.SuspendCustomerCommand;
import dev.regent.insurer.policy.ProductCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

import static java.util.Map.entry;

/** The insurer's API: the length of each text its requests carry, the domain's own limits. */
@Configuration(proxyBeanMethods = false)
class InsurerApiConfiguration {

    @Bean
    RequestFieldLimits insurerRequestFields() {
        return new RequestFieldLimits(Map.ofEntries(
                entry("name", PersonName.MAX_LENGTH),
                entry("email", EmailAddress.MAX_LENGTH),
                entry("phone", PhoneNumber.MAX_LENGTH),
                entry("domicile", CountryCode.MAX_LENGTH),
                entry("product", ProductCode.MAX_LENGTH),
                entry("description", FileClaimCommand.MAX_DESCRIPTION_LENGTH),
                entry("reason", SuspendCustomerCommand.MAX_REASON_LENGTH),
                entry("customerId", Values.MAX_IDENTIFIER_LENGTH),
                entry("policyId", Values.MAX_IDENTIFIER_LENGTH)));
    }
}
