package dev.regent.application.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.application.idempotency.IdempotencyKey.InvalidKeyException;
import dev.regent.application.idempotency.IdempotencyKeys.Answered;
import dev.regent.application.idempotency.IdempotencyKeys.Lookup;
import dev.regent.application.idempotency.IdempotencyKeys.StoredAnswer;
import dev.regent.application.idempotency.IdempotencyKeys.Taken;
import dev.regent.application.idempotency.IdempotencyKeys.UsedForAnother;
import dev.regent.domain.ownership.Region;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code Idempotency-Key} on the public API's writes. The first request with a key is handled and its final answer kept;
 * the same request again (same caller, method, path and body) gets that answer again, with
 * {@code Idempotent-Replayed: true}, and nothing is done; while the first is in flight a repeat is {@code 409} (retry
 * after a moment); the key on another request is {@code 422}; a malformed key is {@code 400}. Failures a retry may fix
 * (5xx, 404, 408, 409, 423, 425, 429) are not kept: the key is free again. Requests without the header pass untouched,
 * as do the regions' own {@code /internal} calls.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    /** Bodies are read ahead to fingerprint them; the API's bodies are a few hundred bytes. */
    static final int MAX_BODY_BYTES = 1 << 20;
    static final String REPLAYED = "Idempotent-Replayed";
    static final String ANONYMOUS = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<Integer> RETRYABLE_4XX = Set.of(404, 408, 409, 423, 425, 429);

    private final IdempotencyKeys keys;
    private final Region region;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    IdempotencyFilter(IdempotencyKeys keys, Region region, ObjectMapper json, MeterRegistry meters) {
        this.keys = keys;
        this.region = region;
        this.json = json;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || request.getHeader(IdempotencyKey.HEADER) == null
                || request.getRequestURI().startsWith(request.getContextPath() + "/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IdempotencyKey key;
        try {
            key = IdempotencyKey.of(Collections.list(request.getHeaders(IdempotencyKey.HEADER)));
        } catch (InvalidKeyException e) {
            count("invalid");
            problem(request, response, HttpServletResponse.SC_BAD_REQUEST, "Invalid " + IdempotencyKey.HEADER,
                    e.getMessage(), Map.of("errors", List.of(Map.of("field", IdempotencyKey.HEADER,
                            "message", e.getMessage()))));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            count("invalid");
            problem(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large",
                    "A request with an " + IdempotencyKey.HEADER + " has a body of at most " + MAX_BODY_BYTES
                            + " bytes", Map.of());
            return;
        }
        Principal principal = request.getUserPrincipal();
        String caller = principal == null ? ANONYMOUS : principal.getName();
        String requestLine = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String fingerprint = RequestFingerprint.of(requestLine, body, json);

        Lookup found = keys.take(caller, key, fingerprint, requestLine);
        if (found instanceof Taken taken) {
            count("new");
            ReplayableRequest replayable = new ReplayableRequest(request, body);
            replayable.setAttribute(KeyedRequest.ATTRIBUTE, new KeyedRequest(region.name(), caller, key, fingerprint));
            handle(replayable, response, chain, caller, key, taken.attempt());
        } else if (found instanceof Answered answered) {
            count("replayed");
            replay(answered.answer(), response);
        } else if (found instanceof UsedForAnother used) {
            count("reused");
            problem(request, response, 422, "Idempotency-Key reused", "This " + IdempotencyKey.HEADER
                    + " was first sent " + (used.requestLine().equals(requestLine) ? "with another body"
                    : "for " + used.requestLine()) + ": a retry repeats its request exactly, a new request takes a "
                    + "new key", Map.of());
        } else {
            count("in-flight");
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(request, response, HttpServletResponse.SC_CONFLICT, "Request in flight",
                    "A request with this " + IdempotencyKey.HEADER + " is still being handled: retry once it has "
                            + "been answered", Map.of());
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String caller,
                        IdempotencyKey key, UUID attempt) throws ServletException, IOException {
        AnswerCapture answer = new AnswerCapture(response);
        try {
            chain.doFilter(request, answer);
        } catch (ServletException | IOException | RuntimeException e) {
            keys.release(caller, key, attempt);
            throw e;
        }
        try {
            if (isFinal(answer.getStatus()) && !answer.errorSent()) {
                // Kept before the caller sees it: a retry after this answer always finds it.
                keys.answer(caller, key, attempt, new StoredAnswer(answer.getStatus(), answer.getContentType(),
                        answer.getHeader(HttpHeaders.LOCATION), answer.getContentAsByteArray()));
            } else {
                keys.release(caller, key, attempt);
            }
        } catch (RuntimeException e) {
            // The answer still goes out; a retry finds the key taken until the in-flight timeout, then sends the same
            // command again, which is answered from the record where it was handled.
            log.warn("Could not keep the answer to an idempotent request: {}", e.toString());
        }
        answer.copyBodyToResponse();
    }

    private static boolean isFinal(int status) {
        return status / 100 == 2 || status / 100 == 4 && !RETRYABLE_4XX.contains(status);
    }

    private static void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        response.setHeader(REPLAYED, "true");
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The same shape as every other problem of the API (a filter answers before Spring MVC's advice could). */
    private void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
                         String detail, Map<String, ?> extra) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("region", region.name());
        problem.putAll(extra);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private void count(String outcome) {
        Counter.builder("regent.idempotency.requests")
                .description("Requests with an Idempotency-Key, by outcome: new, replayed, in-flight, reused, invalid")
                .tag("outcome", outcome).register(meters).increment();
    }
}
