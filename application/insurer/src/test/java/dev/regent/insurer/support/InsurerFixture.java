package dev.regent.insurer.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Request bodies of the insurer example. */
public final class InsurerFixture {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private InsurerFixture() {
    }

    public static Map<String, String> customer(String name, String domicile) {
        int n = SEQUENCE.incrementAndGet();
        return Map.of("name", name, "email", "customer" + n + "@example.com", "phone", "+33 1 00 00 " + (1000 + n),
                "domicile", domicile);
    }

    public static Map<String, Object> claim(String policyId, String customerId, int amount) {
        return Map.of("policyId", policyId, "customerId", customerId, "amount", amount,
                "description", "Water damage in the kitchen");
    }

    public static Map<String, Object> policy(String customerId, int coverageLimit) {
        return Map.of("customerId", customerId, "product", "HOME-CONTENTS", "coverageLimit", coverageLimit);
    }
}
