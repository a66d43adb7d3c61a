package dev.regent.infrastructure.kafka;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrivalOrderBufferTest {

    private static final long SAME_MILLISECOND = 1_764_000_000_000L;

    @Test
    void givenTwoTopicsRecordsWithTheSameTimestampPartitionAndOffset_thenBothAreHandedOut() throws Exception {
        KafkaEventMessage fromEu = record("eu's event", 7, SAME_MILLISECOND);
        KafkaEventMessage fromApac = record("apac's event", 7, SAME_MILLISECOND);

        SortedKafkaMessageBuffer<KafkaEventMessage> axons = new SortedKafkaMessageBuffer<>(10);
        axons.putAll(List.of(fromEu, fromApac));
        assertThat(axons.size()).as("why Regent does not use Axon's buffer: it keeps one of the two").isEqualTo(1);

        ArrivalOrderBuffer buffer = new ArrivalOrderBuffer(10);
        buffer.putAll(List.of(fromEu, fromApac));
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).isSameAs(fromEu);
        assertThat(buffer.take()).isSameAs(fromApac);
    }

    @Test
    void givenALaterRecordWithAnEarlierTimestamp_thenRecordsStillComeOutInTheOrderTheyWereFetched() throws Exception {
        KafkaEventMessage first = record("first", 1, SAME_MILLISECOND + 5);
        KafkaEventMessage second = record("second", 2, SAME_MILLISECOND);
        ArrivalOrderBuffer buffer = new ArrivalOrderBuffer(10);

        buffer.putAll(List.of(first, second));

        assertThat(buffer.peek()).isSameAs(first);
        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).isSameAs(first);
        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).isSameAs(second);
        assertThat(buffer.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void givenTheFetcherFailed_thenWhatWasFetchedBeforeComesFirstAndThenTheFailure() throws Exception {
        KafkaEventMessage fetched = record("fetched", 1, SAME_MILLISECOND);
        ArrivalOrderBuffer buffer = new ArrivalOrderBuffer(10);
        buffer.put(fetched);

        buffer.setException(new IllegalStateException("broker gone"));

        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).isSameAs(fetched);
        assertThatThrownBy(() -> buffer.poll(1, TimeUnit.SECONDS)).hasMessage("broker gone");
        assertThatThrownBy(buffer::take).hasMessage("broker gone");
    }

    @Test
    void givenAFullBuffer_whenOneIsTaken_thenTheFetcherMayPutTheNext() throws Exception {
        ArrivalOrderBuffer buffer = new ArrivalOrderBuffer(1);
        buffer.put(record("one", 1, SAME_MILLISECOND));
        Thread fetcher = new Thread(() -> {
            try {
                buffer.put(record("two", 2, SAME_MILLISECOND));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fetcher.start();

        assertThat(buffer.remainingCapacity()).isZero();
        buffer.take();
        fetcher.join(5_000);
        assertThat(buffer.size()).isEqualTo(1);
    }

    static KafkaEventMessage record(String payload, long offset, long timestamp) {
        return new KafkaEventMessage(new GenericTrackedEventMessage<>(KafkaTrackingToken.emptyToken(),
                GenericEventMessage.asEventMessage(payload)), 0, offset, timestamp);
    }
}
