package dev.regent.infrastructure.deadlines;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import dev.regent.infrastructure.instances.InstanceId;
import dev.regent.infrastructure.region.RegentProperties;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Axon's db-scheduler deadline manager, with the scheduler wired here (no Spring Boot starter exists for the
 * db-scheduler version Axon 4.12 is built against).
 */
@Configuration(proxyBeanMethods = false)
public class DeadlinesConfiguration {

    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, ObjectProvider<DbSchedulerDeadlineManager> deadlineManager,
                                RegentProperties properties, InstanceId instanceId) {
        // Cluster-safe already: each due deadline is picked by one instance (a row lock); named by instance, not by
        // host, so that its picked_by says which of several instances on one host runs it
        return Scheduler.create(dataSource, DbSchedulerDeadlineManager.binaryTask(deadlineManager::getObject))
                .schedulerName(new SchedulerName.Fixed(instanceId.value()))
                .pollingInterval(properties.deadlines().pollingInterval())
                .threads(2)
                .enableImmediateExecution()
                .build();
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler deadlineScheduler,
                                               org.axonframework.config.Configuration configuration,
                                               Serializer serializer, TransactionManager transactionManager,
                                               DeadlineManagerSpanFactory spanFactory) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    /**
     * Starts looking for due deadlines only once Axon runs (a deadline due at startup finds its saga), and stops
     * before Axon does.
     */
    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                deadlineScheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                deadlineScheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return SpringAxonConfiguration.LIFECYCLE_PHASE + 1000;
            }
        };
    }
}
