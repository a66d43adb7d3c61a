package dev.regent.application.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.regent.domain.ownership.NotOwnerException;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.ownership.UnresolvableOwnershipException;
import dev.regent.domain.shared.BusinessRuleViolation;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.infrastructure.failover.CommandDeferredException;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import dev.regent.projections.replication.UnreadableRowException;
import dev.regent.infrastructure.transfer.TransferRefusedException;
import dev.regent.infrastructure.routing.RemoteCommandRejectedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error as {@code application/problem+json}, with the field, owner region or aggregate it concerns. The same
 * mapping answers commands forwarded from other regions, which is how a routed caller gets the owner's exact answer.
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
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid " + e.field(), e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.reason())));
        return problem;
    }

    /** Anything else is a fault of this service: said as a problem too, and logged with its cause. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected failure",
                e.getClass().getSimpleName() + ": " + e.getMessage());
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

    @ExceptionHandler(ParkedAggregateException.class)
    ProblemDetail parked(ParkedAggregateException e) {
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Not stored in this region's read model",
                e.getMessage());
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

    @ExceptionHandler(TransferRefusedException.class)
    ProblemDetail transferRefused(TransferRefusedException e) {
        return problem(HttpStatus.CONFLICT, "Transfer refused", e.getMessage());
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

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        ProblemDetail problem;
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream().map(reference -> reference.getFieldName() != null
                    ? reference.getFieldName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
            problem = problem(HttpStatus.BAD_REQUEST, "Invalid " + field,
                    field + ": expected " + mismatch.getTargetType().getSimpleName());
            problem.setProperty("errors", List.of(Map.of("field", field, "message",
                    "expected " + mismatch.getTargetType().getSimpleName())));
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The request body is not valid JSON");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("region", localRegion.name());
        return problem;
    }
}
