package dev.regent.application.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.routing.RemoteCommandRejectedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(Region.of("us"), json);

    @Test
    void theOwnersProblemIsAnsweredWithItsStatusAndFields_andTheCallersOwnPath() throws Exception {
        String ownersAnswer = "{\"type\":\"about:blank\",\"title\":\"Invalid email\",\"status\":400,"
                + "\"detail\":\"email: 'x' is not an e-mail address\",\"instance\":\"/internal/commands\","
                + "\"region\":\"eu\",\"errors\":[{\"field\":\"email\",\"message\":\"'x' is not an e-mail address\"}]}";

        var answer = advice.rejectedByOwner(new RemoteCommandRejectedException(Region.of("eu"), 400, ownersAnswer));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getTitle()).isEqualTo("Invalid email");
        assertThat(problem.getDetail()).isEqualTo("email: 'x' is not an e-mail address");
        assertThat(problem.getType()).isEqualTo(URI.create("about:blank"));
        assertThat(problem.getInstance()).as("Spring fills in the caller's request path").isNull();
        assertThat(problem.getProperties()).containsEntry("region", "eu")
                .containsEntry("errors", List.of(Map.of("field", "email", "message", "'x' is not an e-mail address")));
    }

    @Test
    void anUnreadableAnswerFromTheOwnerIsABadGatewayNamingTheOwner() {
        var answer = advice.rejectedByOwner(new RemoteCommandRejectedException(Region.of("eu"), 500, "<html>oops"));

        assertThat(answer.getStatusCode().value()).isEqualTo(502);
        assertThat(answer.getBody().getProperties()).containsEntry("ownerRegion", "eu");
    }
}
