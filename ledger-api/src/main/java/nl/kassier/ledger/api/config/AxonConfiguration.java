package nl.kassier.ledger.api.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import nl.kassier.ledger.api.consistency.BudgetViewInTheAppend;
import nl.kassier.ledger.api.consistency.GroupCommit;
import nl.kassier.ledger.api.consistency.LostRaceRetries;
import nl.kassier.ledger.core.budget.Budget;
import nl.kassier.ledger.core.budget.PaymentIdRegistry;
import nl.kassier.ledger.core.privacy.CandidateErasure;
import nl.kassier.ledger.core.reconciliation.Reconciliation;
import nl.kassier.ledger.core.regeling.Regeling;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.infra.audit.ChainCheckpoints;
import nl.kassier.ledger.infra.audit.CheckpointKey;
import nl.kassier.ledger.infra.audit.EventTableReader;
import nl.kassier.ledger.infra.eventstore.EventLog;
import nl.kassier.ledger.infra.eventstore.EventSerialization;
import nl.kassier.ledger.infra.eventstore.EventTables;
import nl.kassier.ledger.infra.eventstore.EventUpcasters;
import nl.kassier.ledger.infra.eventstore.PostgresDuplicateKeyResolver;
import nl.kassier.ledger.infra.payment.JdbcPaymentIdRegistry;
import nl.kassier.ledger.infra.privacy.JdbcPersonalDataVault;
import nl.kassier.ledger.projections.budget.BudgetProjection;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon on PostgreSQL through its JDBC storage engine (docs/adr/0001): events, snapshots and tokens in the tables the
 * Flyway migrations create, all stored as JSON.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    private static final int EVENTS_PER_FETCH = 1_000;
    /** Up to 16 retries, each paused at random up to 10, 20, 40 ... 500 ms: 2.8 s in all on average, 5.6 s at most. */
    private static final int COMMAND_RETRIES_MAX = 16;

    private static final int COMMAND_RETRY_FIRST_CEILING_MILLIS = 10;
    private static final int COMMAND_RETRY_MAX_CEILING_MILLIS = 500;

    @Bean
    Clock clock() {
        return Clock.system(LegalDates.ZONE);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jsonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jsonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jsonSerializer();
    }

    private static Serializer jsonSerializer() {
        return EventSerialization.serializer();
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Recognises another node's append of the same aggregate sequence, so that the command is retried. Axon's generic
     * resolver misses PostgreSQL's report of it inside a failed batch, and the loser would get a 500.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /**
     * Axon's JDBC engine on the tables of the migrations, which also applies a budget's events to the budget read
     * models in the appending transaction ({@link BudgetViewInTheAppend}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            PersistenceExceptionResolver persistenceExceptionResolver,
            JdbcTemplate jdbc,
            JdbcPersonalDataVault vault,
            ObjectProvider<BudgetProjection> budgets) {
        JdbcEventStorageEngine.Builder settings = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(EventTables.eventSchema())
                // Events of an earlier form are read in today's (the stored bytes stay as they are).
                .upcasterChain(EventUpcasters.chain(vault))
                .dataType(byte[].class)
                // Events fetched per query, by processors and when loading an aggregate past its snapshot.
                .batchSize(EVENTS_PER_FETCH);
        return new BudgetViewInTheAppend(settings, transactionManager, jdbc, budgets::getObject);
    }

    @Bean
    TokenStore tokenStore(Serializer serializer, ConnectionProvider connectionProvider) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(EventTables.tokenSchema())
                .contentType(byte[].class)
                .build();
    }

    /**
     * Budgets accumulate thousands of events a year. They are kept between commands in a cache of at most
     * {@code ledger.budget-cache-size} budgets ({@link BudgetCache}; 256 by default, more than the 35 regions have
     * years in the scheme) and snapshotted after {@code ledger.snapshot-events} events (1,000 by default) or a tenth of
     * its history, whichever is more ({@link BudgetSnapshots}). A budget holds every reservation of its year, so its
     * snapshot grows with it (46 MB of JSON at 92,000 events): see docs/benchmarks.md. Snapshots are written on one
     * thread of their own, after the batch that triggered them has committed and been answered, one budget at a time
     * (Axon takes no second snapshot of a budget while one is in progress): the commands' writer never waits for one,
     * and the heap holds at most one budget's second copy.
     */
    @Bean
    ConfigurerModule aggregates(
            @Value("${ledger.snapshot-events:1000}") int snapshotEvents,
            @Value("${ledger.budget-cache-size:256}") int budgetCacheSize,
            JdbcTemplate jdbc,
            @Qualifier("budgetSnapshotWriter") Executor budgetSnapshotWriter) {
        return configurer -> {
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Regeling.class));
            // One event per statement: loaded only to recognise a second import, never cached or snapshotted.
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Reconciliation.class));
            // A candidate's erasures: a handful of events at most, never cached or snapshotted.
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(CandidateErasure.class));
            EventLog events = new EventLog(jdbc);
            Cache budgets = new BudgetCache(budgetCacheSize, events::lastSequenceOf);
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Budget.class)
                    .configureCache(c -> budgets)
                    .configureSnapshotTrigger(c -> new BudgetSnapshots(
                            AggregateSnapshotter.builder()
                                    .eventStore(c.eventStore())
                                    // The handlers take Spring beans (Clock, PaymentIdRegistry) as parameters: the
                                    // snapshotter must inspect the aggregate with the same resolvers as the repository.
                                    .aggregateFactories(new GenericAggregateFactory<>(
                                            AnnotatedAggregateMetaModelFactory.inspectAggregate(
                                                    Budget.class,
                                                    c.parameterResolverFactory(),
                                                    c.handlerDefinition(Budget.class))))
                                    .parameterResolverFactory(c.parameterResolverFactory())
                                    .handlerDefinition(c.handlerDefinition(Budget.class))
                                    .transactionManager(c.getComponent(TransactionManager.class))
                                    .executor(budgetSnapshotWriter)
                                    .build(),
                            snapshotEvents)));
        };
    }

    /** The one thread that writes the budgets' snapshots (see {@link #aggregates}). */
    @Bean(destroyMethod = "shutdown")
    ExecutorService budgetSnapshotWriter() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "budget-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * An event a processor cannot handle stops that processor's segment, which retries it and shows on the health
     * (EventProcessorsHealthIndicator). Axon's default logs the failure and goes on with the next event: a read model
     * would then lack the event for ever, and a statement's settlement would be lost, without anyone being told.
     */
    @Bean
    ConfigurerModule failingEventsStopTheirProcessor() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    @Bean
    EventTableReader eventTableReader(JdbcTemplate jdbc) {
        return new EventTableReader(jdbc);
    }

    @Bean
    ChainCheckpoints chainCheckpoints(JdbcTemplate jdbc) {
        return new ChainCheckpoints(jdbc);
    }

    /**
     * The key that signs the chain's checkpoints: the configured file, or one in the data directory, created on the
     * first start. The production profile names it explicitly, for every node must use the same one.
     */
    @Bean
    CheckpointKey checkpointKey(LedgerProperties properties, Environment environment) {
        Path file = properties.checkpoint().keyFile() == null
                ? null
                : Path.of(properties.checkpoint().keyFile());
        if (file == null) {
            if (environment.acceptsProfiles(Profiles.of("production"))) {
                throw new IllegalStateException("the production profile needs the key that signs the chain's"
                        + " checkpoints, the same on every node: set LEDGER_CHECKPOINT_KEY_FILE");
            }
            file = properties.dataDir().resolve("checkpoint-signing.key");
        }
        return CheckpointKey.loadOrCreate(file);
    }

    /**
     * Where candidates' personal data is sealed and opened, with its keys in PostgreSQL beside the event store. Made at
     * start-up, outside any transaction: it reads the ledger's secret, or makes it on the first start.
     */
    @Bean
    JdbcPersonalDataVault personalDataVault(JdbcTemplate jdbc) {
        return new JdbcPersonalDataVault(jdbc);
    }

    @Bean
    PaymentIdRegistry paymentIdRegistry(JdbcTemplate jdbc) {
        return new JdbcPaymentIdRegistry(jdbc);
    }

    /**
     * Commands are retried when, and only when, they lost a race ({@link LostRaceRetries}); a refusal by the domain,
     * a database that is away and an unexpected fault are answered at once.
     */
    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Axon's command bus behind {@link GroupCommit}: the commands waiting while a batch commits are decided together
     * and committed in one transaction, up to {@code ledger.command-batch-max} (256 by default) at a time.
     */
    @Bean(destroyMethod = "stop")
    GroupCommit commandBus(
            TransactionManager transactionManager,
            org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
            MeterRegistry registry,
            @Value("${ledger.command-batch-max:256}") int batchMax) {
        SimpleCommandBus local = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .rollbackConfiguration(GroupCommit.REFUSALS_COMMIT)
                .build();
        local.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return new GroupCommit(local, transactionManager, batchMax, registry);
    }

    @Bean
    CommandGateway commandGateway(
            CommandBus commandBus, ScheduledExecutorService commandRetryExecutor, MeterRegistry registry) {
        LostRaceRetries retries = LostRaceRetries.builder()
                .retryExecutor(commandRetryExecutor)
                .firstCeilingMillis(COMMAND_RETRY_FIRST_CEILING_MILLIS)
                .maxCeilingMillis(COMMAND_RETRY_MAX_CEILING_MILLIS)
                .maxRetryCount(COMMAND_RETRIES_MAX)
                .meterRegistry(registry)
                .build();
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(retries)
                .build();
    }
}
