package dev.regent.infrastructure.kafka;

/** One setting of one topic under which the broker would drop events, and the value that keeps them. */
record RetentionDrift(String topic, String name, String actual, String required) {

    @Override
    public String toString() {
        return topic + " " + name + "=" + actual + " (needs " + required + ")";
    }
}
