package nl.kassier.ledger.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import nl.kassier.ledger.api.LedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** One running instance of the service, started and stopped by a test as an operator would. */
public final class ServiceInstance implements AutoCloseable {

    private static final ReentrantLock LOGGING_SETUP = new ReentrantLock();

    private final ConfigurableApplicationContext context;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the service with the given {@code key=value} properties on a free port. */
    public static ServiceInstance start(String profiles, String... properties) {
        LedgerApplication.disableAxonUpdateChecker();
        // As command-line arguments they outrank application.yml, as an operator's settings do.
        List<String> arguments = new ArrayList<>();
        for (String property : properties) {
            arguments.add("--" + property);
        }
        arguments.add("--server.port=0");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .profiles(profiles.split(","))
                .listeners(ServiceInstance::oneAtATimeUntilLogging)
                .run(arguments.toArray(String[]::new));
        return new ServiceInstance(context);
    }

    /**
     * Instances in one JVM share one logging system, and two of them configuring it at once break it (a
     * ConcurrentModificationException in logback). They take turns until the logging is set up, then start together.
     */
    private static void oneAtATimeUntilLogging(ApplicationEvent event) {
        if (event instanceof ApplicationStartingEvent) {
            LOGGING_SETUP.lock();
        } else if ((event instanceof ApplicationContextInitializedEvent || event instanceof ApplicationFailedEvent)
                && LOGGING_SETUP.isHeldByCurrentThread()) {
            LOGGING_SETUP.unlock();
        }
    }

    public Api api() {
        return new Api(port());
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public EventStore events() {
        return new EventStore(context.getBean(JdbcTemplate.class));
    }

    /** A bean of the running service, for a test that must look inside it. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** How many snapshots the event store holds of {@code aggregateId}. */
    public long snapshots(String aggregateId) {
        Long count = context.getBean(JdbcTemplate.class)
                .queryForObject(
                        "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        aggregateId);
        return count == null ? 0 : count;
    }

    @Override
    public void close() {
        context.close();
    }
}
