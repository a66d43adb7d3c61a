package dev.regent.insurer.faults;

import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.insurer.policy.ChangeCoverageLimitCommand;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.GenericMessage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.awaitility.Awaitility.await;

/**
 * A bad release in eu, contained while the workload goes on: it writes coverage limits 100 times too high for a few
 * eu policies; three seconds in, an operator freezes what it writes; at healing the release is rolled back, the frozen
 * scope voided and thawed, and every region must show the limits as issued again.
 */
final class BadRelease {

    private static final List<String> REGIONS = List.of(EU, US, APAC);
    private static final int POLICIES = 10;
    private static final int ISSUED = 10_000;
    private static final Duration FREEZE_AFTER = Duration.ofSeconds(3);

    private BadRelease() {
    }

    static Fault contained(RegentClient api, Duration convergeWithin) {
        List<String> policies = new ArrayList<>();
        AtomicBoolean faulty = new AtomicBoolean();
        AtomicReference<Registration> release = new AtomicReference<>();
        AtomicReference<String> freezeId = new AtomicReference<>();
        AtomicReference<Thread> writer = new AtomicReference<>();
        return new Fault("bad release in eu: frozen, voided, thawed", () -> {
            String holder = api.post(EU, "/customers", customer("Bad Release Holder", "DE")).text("customerId");
            for (int i = 0; i < POLICIES; i++) {
                policies.add(api.post(EU, "/policies", policy(holder, ISSUED)).text("policyId"));
            }
            release.set(ThreeRegions.region(EU).bean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
                if (faulty.get() && unitOfWork.getMessage().getPayload() instanceof ChangeCoverageLimitCommand change) {
                    unitOfWork.transformMessage(command -> new GenericCommandMessage<>(new GenericMessage<>(
                            command.getIdentifier(), new ChangeCoverageLimitCommand(change.policyId(),
                            MonetaryAmount.of("coverageLimit", change.coverageLimit().value()
                                    .multiply(BigDecimal.valueOf(100)))), command.getMetaData()),
                            command.getCommandName()));
                }
                return chain.proceed();
            }));
            Instant released = Instant.now();
            faulty.set(true);
            Thread thread = new Thread(() -> writeAndFreeze(api, policies, released, freezeId), "bad-release");
            writer.set(thread);
            thread.start();
        }, () -> {
            Thread thread = writer.get();
            thread.interrupt();
            join(thread);
            faulty.set(false);
            Instant healing = Instant.now();
            String id = freezeId.get();
            Answer voided = api.post(EU, "/containment/voids", Map.of("freezeId", id, "reason", "rolled back"));
            if (voided.status() != 201) {
                throw new AssertionError("Void refused: " + voided.body());
            }
            api.post(US, "/containment/freezes/" + id + "/thaw", Map.of("reason", "voided"));
            for (String policy : policies) {
                for (String region : REGIONS) {
                    await().atMost(convergeWithin).until(() -> limit(api, region, policy).compareTo(
                            BigDecimal.valueOf(ISSUED)) == 0);
                }
            }
            release.get().cancel();
            System.out.printf("Bad release contained: %d events of %d policies voided, every region corrected "
                            + "%.1f s after healing began%n", voided.body().get("events").asInt(), POLICIES,
                    Duration.between(healing, Instant.now()).toMillis() / 1000.0);
        });
    }

    /** The release's writes, through every region; the operator's freeze a few seconds in. */
    private static void writeAndFreeze(RegentClient api, List<String> policies, Instant released,
                                       AtomicReference<String> freezeId) {
        for (int n = 0; !Thread.currentThread().isInterrupted(); n++) {
            if (freezeId.get() == null && Instant.now().isAfter(released.plus(FREEZE_AFTER))) {
                freezeId.set(freeze(api, released));
            }
            try {
                api.put(REGIONS.get(n % REGIONS.size()), "/policies/" + policies.get(n % policies.size())
                        + "/coverage-limit", Map.of("coverageLimit", 12_000 + n));
            } catch (RuntimeException unanswered) {
                // a region the workload's other faults left slow: the next write goes on
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (freezeId.get() == null) {
            freezeId.set(freeze(api, released));
        }
    }

    private static String freeze(RegentClient api, Instant released) {
        return api.post(APAC, "/containment/freezes", Map.of("originRegion", EU, "eventType",
                "CoverageLimitChangedEvent", "writtenSince", released.toString(), "reason", "limits x100")).text("id");
    }

    private static BigDecimal limit(RegentClient api, String region, String policy) {
        Answer answer = api.get(region, "/policies/" + policy);
        return answer.status() == 200 ? new BigDecimal(answer.body().get("coverageLimit").asText()) : BigDecimal.ZERO;
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
