package dev.regent.application.web;

import dev.regent.domain.claims.FileClaimCommand;
import dev.regent.domain.identity.CountryCode;
import dev.regent.domain.identity.EmailAddress;
import dev.regent.domain.identity.PersonName;
import dev.regent.domain.identity.PhoneNumber;
import dev.regent.domain.identity.SuspendCustomerCommand;
import dev.regent.domain.policy.ProductCode;
import dev.regent.domain.shared.Values;

import java.util.Map;
import java.util.OptionalInt;

import static java.util.Map.entry;

/**
 * The longest text each field of the public API's request bodies may hold (README, "Input rules"), checked by
 * {@link RequestJson} as the body is read. The limits are the domain's own, so that the edge and the value types
 * agree. A field missing here is bounded only by the body size: {@code RequestFieldsTest} fails when a public
 * request gains one.
 */
final class RequestFields {

    /** Query parameters ({@code asOf}, {@code atSequence}, {@code view}…). */
    static final int MAX_PARAMETER_LENGTH = 256;
    /** Region names ({@code eu}, {@code us}, {@code apac}). */
    static final int MAX_REGION_LENGTH = 32;

    private static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            entry("name", PersonName.MAX_LENGTH),
            entry("email", EmailAddress.MAX_LENGTH),
            entry("phone", PhoneNumber.MAX_LENGTH),
            entry("domicile", CountryCode.MAX_LENGTH),
            entry("product", ProductCode.MAX_LENGTH),
            entry("description", FileClaimCommand.MAX_DESCRIPTION_LENGTH),
            entry("reason", SuspendCustomerCommand.MAX_REASON_LENGTH),
            entry("legalBasis", SuspendCustomerCommand.MAX_REASON_LENGTH),
            entry("customerId", Values.MAX_IDENTIFIER_LENGTH),
            entry("policyId", Values.MAX_IDENTIFIER_LENGTH),
            entry("aggregateType", Values.MAX_IDENTIFIER_LENGTH),
            entry("toRegion", MAX_REGION_LENGTH),
            entry("fromRegion", MAX_REGION_LENGTH));

    private RequestFields() {
    }

    static OptionalInt maxLength(String field) {
        Integer max = MAX_LENGTH.get(field);
        return max == null ? OptionalInt.empty() : OptionalInt.of(max);
    }

    static boolean isListed(String field) {
        return MAX_LENGTH.containsKey(field);
    }
}
