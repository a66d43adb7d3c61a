package dev.regent.application.web;

import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.Values;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The input rules for what a request carries outside its body, before any controller sees it: every path variable
 * (an id, a view, a type) is an identifier ({@link Values#requireIdentifier}); every query parameter is plain text of
 * at most {@value RequestFields#MAX_PARAMETER_LENGTH} characters. A refusal names the variable or parameter (400).
 */
class RequestParameterRules implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables != null) {
            variables.forEach(Values::requireIdentifier);
        }
        if (request.getQueryString() != null) {
            // Read from the query string itself: the parameter map would also parse a form body.
            MultiValueMap<String, String> parameters = UriComponentsBuilder.newInstance()
                    .query(request.getQueryString()).build().getQueryParams();
            parameters.forEach(RequestParameterRules::check);
        }
        return true;
    }

    private static void check(String encodedName, List<String> encodedValues) {
        String name = decoded("query parameter", encodedName);
        Values.requirePlainText("query parameter", name);
        if (name.length() > RequestFields.MAX_PARAMETER_LENGTH) {
            throw new InvalidValueException("query parameter", "a name is longer than "
                    + RequestFields.MAX_PARAMETER_LENGTH + " characters");
        }
        for (String encoded : encodedValues) {
            String value = encoded == null ? null : decoded(name, encoded);
            Values.requirePlainText(name, value);
            if (value != null && value.length() > RequestFields.MAX_PARAMETER_LENGTH) {
                throw new InvalidValueException(name, "must be at most " + RequestFields.MAX_PARAMETER_LENGTH
                        + " characters");
            }
        }
    }

    private static String decoded(String field, String encoded) {
        try {
            return UriUtils.decode(encoded.replace('+', ' '), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidValueException(field, "is not correctly percent-encoded");
        }
    }
}
