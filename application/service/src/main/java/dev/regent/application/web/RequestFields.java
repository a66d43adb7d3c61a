package dev.regent.application.web;

import dev.regent.domain.shared.Values;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The longest text each field of the public API's request bodies may hold (README, "Input rules"), checked by
 * {@link RequestJson} as the body is read: the platform's own fields and every application's
 * {@link RequestFieldLimits}; a field two contributions name takes the smaller limit.
 */
final class RequestFields {

    /** Query parameters ({@code asOf}, {@code atSequence}, {@code view}…). */
    static final int MAX_PARAMETER_LENGTH = 256;
    /** Region names ({@code eu}, {@code us}, {@code apac}). */
    static final int MAX_REGION_LENGTH = 32;
    /** Why an operator acts, and the legal basis of a transfer. */
    static final int MAX_REASON_LENGTH = 500;

    /** The fields of the platform's own requests (transfers, operator actions, freezes, voids). */
    static final RequestFieldLimits PLATFORM = new RequestFieldLimits(Map.of(
            "reason", MAX_REASON_LENGTH,
            "legalBasis", MAX_REASON_LENGTH,
            "aggregateType", Values.MAX_IDENTIFIER_LENGTH,
            "eventType", Values.MAX_IDENTIFIER_LENGTH,
            "applicationVersion", Values.MAX_IDENTIFIER_LENGTH,
            "freezeId", Values.MAX_IDENTIFIER_LENGTH,
            "toRegion", MAX_REGION_LENGTH,
            "fromRegion", MAX_REGION_LENGTH,
            "originRegion", MAX_REGION_LENGTH));

    private final Map<String, Integer> maxLength = new HashMap<>();

    RequestFields(List<RequestFieldLimits> contributions) {
        contributions.forEach(limits -> limits.maxLengths().forEach((field, max) ->
                maxLength.merge(field, max, Math::min)));
    }

    OptionalInt maxLength(String field) {
        Integer max = maxLength.get(field);
        return max == null ? OptionalInt.empty() : OptionalInt.of(max);
    }

    boolean isListed(String field) {
        return maxLength.containsKey(field);
    }
}
