package dev.regent.application.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.regent.domain.ownership.NotOwnerException;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.ownership.UnresolvableOwnershipException;
import dev.regent.domain.shared.BusinessRuleViolation;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.infrastructure.failover.CommandDeferredException;
import dev.regent.infrastructure.containment.WritesFrozenException;
import dev.regent.infrastructure.peer.PeerRefusedException;
import dev.regent.projections.deadletter.ParkedReason;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import dev.regent.projections.replication.UnreadableRowException;
import dev.regent.infrastructure.transfer.TransferRefusedException;
import dev.regent.infrastructure.routing.RemoteCommandRejectedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.TypeMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.math.BigDecimal;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error as {@code application/problem+json}, with the field, owner region or aggregate it concerns. The same
 * mapping answers commands forwarded from other regions, which is how a routed caller gets the owner's exact answer.
 * Bodies that break the input rules ({@link RequestJson}) are answered here too, naming the field.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final Region localRegion;
    private final ObjectMapper objectMapper;

    public ProblemDetailsAdvice(Region localRegion, ObjectMapper objectMapper) {
        this.localRegion = localRegion;
        this.objectMapper = objectMapper;
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalidValue(InvalidValueException e) {
        return Problems.invalidField(e.field(), e.reason(), localRegion);
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthenticated(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Authentication required", e.getMessage());
    }

    @ExceptionHandler({AccessDeniedException.class, PeerRefusedException.class})
    ProblemDetail forbidden(RuntimeException e) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
    }

    /**
     * Anything else is a fault of this service: said as a problem too, with no more than a correlation id; the log
     * line with the same id has the cause.
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, WebRequest request) {
        String what = request instanceof ServletWebRequest servlet
                ? servlet.getHttpMethod() + " " + servlet.getRequest().getRequestURI() : request.getDescription(false);
        return Problems.unexpected(e, what, localRegion);
    }

    /** A bad argument that is not a field of a request body (a query parameter, a path segment). */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler({UnresolvableOwnershipException.class, AggregateNotFoundException.class,
            NotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(NotOwnerException.class)
    ProblemDetail notOwner(NotOwnerException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Not the owner", e.getMessage());
        if (e.owner() != null) {
            problem.setProperty("ownerRegion", e.owner().name());
        }
        return problem;
    }

    @ExceptionHandler(ViewRebuildingException.class)
    ResponseEntity<ProblemDetail> rebuilding(ViewRebuildingException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Read model rebuilding", e.getMessage()));
    }

    /** A row this region stored but cannot read: named, never shown, and logged with its cause. */
    @ExceptionHandler(UnreadableRowException.class)
    ProblemDetail unreadableRow(UnreadableRowException e) {
        log.error("{}", e.getMessage(), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Stored row unreadable",
                e.getMessage() + ". Reconciliation reports it (UNREADABLE) and "
                        + "repairs a replica; rebuilding the view repairs an owner's row.");
        problem.setProperty("view", e.view());
        problem.setProperty("aggregateId", e.aggregateId());
        return problem;
    }

    @ExceptionHandler(WritesFrozenException.class)
    ProblemDetail writesFrozen(WritesFrozenException e) {
        ProblemDetail problem = problem(HttpStatus.LOCKED, "Writes frozen", e.getMessage());
        problem.setProperty("freezeId", e.freeze().id());
        return problem;
    }

    @ExceptionHandler(ParkedAggregateException.class)
    ProblemDetail parked(ParkedAggregateException e) {
        boolean frozen = ParkedReason.FROZEN.label().equals(e.letter().reason());
        // Held by a freeze is no fault: the operators chose to keep it out until they thaw it.
        ProblemDetail problem = frozen
                ? problem(HttpStatus.SERVICE_UNAVAILABLE, "Held by a freeze", "The " + e.letter().view()
                + " view of this region holds " + e.letter().aggregateId() + " back: " + e.letter().detail()
                + " (GET /containment/freezes)")
                : problem(HttpStatus.INTERNAL_SERVER_ERROR, "Not stored in this region's read model", e.getMessage());
        problem.setProperty("view", e.letter().view());
        problem.setProperty("aggregateId", e.letter().aggregateId());
        problem.setProperty("reason", e.letter().reason());
        problem.setProperty("letterId", e.letter().letterId());
        return problem;
    }

    @ExceptionHandler(BusinessRuleViolation.class)
    ProblemDetail ruleViolated(BusinessRuleViolation e) {
        return problem(HttpStatus.CONFLICT, "Not allowed now", e.getMessage());
    }

    /** With {@code exposed}: each value the transfer would carry that the residency policy does not share. */
    @ExceptionHandler(TransferRefusedException.class)
    ProblemDetail transferRefused(TransferRefusedException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Transfer refused", e.getMessage());
        if (!e.exposed().isEmpty()) {
            problem.setProperty("exposed", e.exposed());
        }
        return problem;
    }

    @ExceptionHandler({AggregateStreamCreationException.class, ConcurrencyException.class})
    ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(OwnerUnavailableException.class)
    ProblemDetail ownerUnavailable(OwnerUnavailableException e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Owner region unavailable",
                e.getMessage() + (e.possiblyApplied()
                        ? ". The owner may still apply it: check before retrying a change that is not idempotent."
                        : ". The command did not reach the owner and was not applied; retry later."));
        problem.setProperty("ownerRegion", e.owner().name());
        problem.setProperty("failoverPolicy", e.policy() == null ? "REJECT" : e.policy());
        return problem;
    }

    /** Not an error: the owner did not answer and the command's policy kept it; the caller follows the request. */
    @ExceptionHandler(CommandDeferredException.class)
    ResponseEntity<Map<String, String>> deferred(CommandDeferredException e) {
        return ResponseEntity.accepted().location(URI.create("/requests/" + e.requestId()))
                .body(Map.of("status", e.status(), "requestId", e.requestId(), "ownerRegion", e.owner().name(),
                        "failoverPolicy", e.policy().name(), "detail", e.getMessage()));
    }

    /** The owner's own answer, unchanged but for {@code instance}, which becomes this request's path. */
    @ExceptionHandler(RemoteCommandRejectedException.class)
    ResponseEntity<ProblemDetail> rejectedByOwner(RemoteCommandRejectedException e) {
        ProblemDetail problem;
        try {
            problem = objectMapper.readValue(e.problemJson(), ProblemDetail.class);
            problem.setInstance(null);
        } catch (JsonProcessingException unreadable) {
            problem = problem(HttpStatus.BAD_GATEWAY, "Unreadable answer from the owner region",
                    "Owner region " + e.owner() + " answered " + e.status() + " with a body that is not a problem");
            problem.setProperty("ownerRegion", e.owner().name());
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted().collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** A body that could not be read: too large, breaking an input rule, of the wrong shape, or not JSON. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        RequestBodyLimit.BodyTooLargeException tooLarge = cause(e, RequestBodyLimit.BodyTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(HttpStatus.PAYLOAD_TOO_LARGE,
                    "Request body too large", "The request body exceeds " + tooLarge.limit() + " bytes"));
        }
        InvalidValueException invalid = cause(e, InvalidValueException.class);
        Throwable cause = e.getCause();
        ProblemDetail problem;
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            problem = Problems.invalidField(invalid != null ? invalid.field() : field,
                    invalid != null ? invalid.reason() : reason(mapping), localRegion);
        } else if (cause instanceof MismatchedInputException) {
            problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body must be a JSON object");
        } else if (cause instanceof StreamConstraintsException) {
            problem = problem(HttpStatus.BAD_REQUEST, "Request body too complex", "JSON nested more than "
                    + RequestJson.MAX_NESTING + " levels deep, or a field name longer than allowed");
        } else if (cause instanceof JsonParseException parse) {
            problem = problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                    "The request body is not valid JSON: " + parse.getOriginalMessage());
            JsonParser parser = parse.getProcessor();
            String field = parser == null ? null : parser.getParsingContext().getCurrentName();
            if (field != null) {
                problem.setProperty("errors", List.of(Map.of("field", field, "message", "is not valid JSON")));
            }
        } else if (cause == null && String.valueOf(e.getMessage()).startsWith("Required request body is missing")) {
            problem = problem(HttpStatus.BAD_REQUEST, "Missing body", "This request needs a JSON body");
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The request body is not valid JSON");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** A path variable or query parameter of the wrong type ({@code atSequence=abc}). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(@NonNull TypeMismatchException e, @NonNull HttpHeaders headers,
                                                        @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return ResponseEntity.badRequest().body(Problems.invalidField(field,
                "expected " + kind(e.getRequiredType()), localRegion));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            @NonNull MissingServletRequestParameterException e, @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.invalidField(e.getParameterName(), "is required",
                localRegion));
    }

    /** Spring's own problems (404 of a path nothing serves, 405, 415…) get the region, and a 5xx its correlation id. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception e, @Nullable Object body,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode statusCode,
                                                             @NonNull WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            problem.setProperty("region", localRegion.name());
            Problems.correlated(problem);
        }
        return super.handleExceptionInternal(e, body, headers, statusCode, request);
    }

    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream().map(reference -> reference.getFieldName() != null
                ? reference.getFieldName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
    }

    private static String reason(JsonMappingException mapping) {
        if (mapping instanceof RefusedInputException refused) {
            return refused.reason();
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + kind(mismatch.getTargetType());
        }
        return "is not acceptable";
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == BigDecimal.class || Number.class.isAssignableFrom(type) || type == int.class
                || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant, e.g. 2026-11-23T10:15:30Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        return "an object";
    }

    @Nullable
    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private ProblemDetail problem(HttpStatus status, String title, String detail) {
        return Problems.of(status, title, detail, localRegion);
    }
}
