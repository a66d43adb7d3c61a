package dev.regent.insurer.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Events as a region on the code before {@code CustomerRegisteredEvent} revision 2 wrote them: revision 1, without
 * {@code preferredLanguage}, made from real revision 2 ones in the form they were stored or mirrored in (personal
 * fields encrypted at rest, or as the residency policy let them leave).
 */
public final class OlderRevisions {

    public static final String REGISTERED = "dev.regent.insurer.identity.CustomerRegisteredEvent";
    public static final String TYPE_HEADER = "axon-message-type";
    public static final String REVISION_HEADER = "axon-message-revision";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private OlderRevisions() {
    }

    /** A revision 2 registration's payload as revision 1 wrote it: the same, without the preferred language. */
    public static byte[] registeredAsRevision1(byte[] revision2Payload) {
        return registeredAsRevision1(revision2Payload, null);
    }

    /** The same, for another customer ({@code customerId}; null keeps the payload's). */
    public static byte[] registeredAsRevision1(byte[] revision2Payload, String customerId) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(revision2Payload);
            if (!payload.has("preferredLanguage")) {
                throw new IllegalArgumentException("Not a revision 2 registration: " + payload);
            }
            payload.remove("preferredLanguage");
            if (customerId != null) {
                payload.putObject("customerId").put("value", customerId);
            }
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A revision 1 registration of a new customer {@code customerId}, made from a mirrored revision 2 one
     * ({@code template}), for the same topic: what an owner on the older code would have published.
     */
    public static ProducerRecord<String, byte[]> mirroredRegistrationAsRevision1(
            ConsumerRecord<String, byte[]> template, String customerId) {
        return MirroredTopics.craft(template, customerId, 0, Map.of(REVISION_HEADER, "1"),
                registeredAsRevision1(template.value(), customerId));
    }

    /** The registration among {@code records}. */
    public static ConsumerRecord<String, byte[]> registration(Iterable<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (REGISTERED.equals(MirroredTopics.headers(record).get(TYPE_HEADER))) {
                return record;
            }
        }
        throw new IllegalStateException("No " + REGISTERED + " among the records");
    }
}
