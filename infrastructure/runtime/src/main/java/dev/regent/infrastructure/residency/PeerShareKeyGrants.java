package dev.regent.infrastructure.residency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerClient;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Asks the owner region for a share key: {@code GET /internal/subject-keys/{subject}} over mutual TLS. */
public class PeerShareKeyGrants implements ShareKeyGrants {

    public static final String PATH = "/internal/subject-keys/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerClient peers;
    private final Duration timeout;

    public PeerShareKeyGrants(PeerClient peers, Duration timeout) {
        this.peers = peers;
        this.timeout = timeout;
    }

    @Override
    public Grant request(Region owner, String subject) {
        HttpResponse<String> answer;
        try {
            answer = peers.get(owner, PATH + URLEncoder.encode(subject, StandardCharsets.UTF_8), timeout);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot ask " + owner + " for the share key of subject " + subject
                    + " (" + e.getMessage() + "): will ask again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + owner + " for a share key", e);
        }
        return switch (answer.statusCode()) {
            case 200 -> Grant.granted(new SecretKeySpec(Base64.getDecoder().decode(key(answer.body())), "AES"));
            case 410 -> Grant.ERASED;
            case 404 -> Grant.UNKNOWN;
            default -> throw new IllegalStateException(owner + " answered " + answer.statusCode()
                    + " when asked for the share key of subject " + subject + ": will ask again");
        };
    }

    private static String key(String body) {
        try {
            JsonNode key = JSON.readTree(body).path("key");
            if (!key.isTextual()) {
                throw new IllegalStateException("A share key answer without a key");
            }
            return key.asText();
        } catch (IOException e) {
            throw new IllegalStateException("An unreadable share key answer", e);
        }
    }
}
