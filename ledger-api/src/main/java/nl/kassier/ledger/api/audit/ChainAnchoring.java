package nl.kassier.ledger.api.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nl.kassier.ledger.api.config.LedgerProperties;
import nl.kassier.ledger.infra.audit.ChainCheckpoint;
import nl.kassier.ledger.infra.audit.ChainCheckpoints;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import nl.kassier.ledger.infra.audit.CheckpointKey;
import nl.kassier.ledger.infra.audit.EventTableReader;
import nl.kassier.ledger.infra.eventstore.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Anchors the hash chain (docs/adr/0008): every {@code ledger.checkpoint.interval} (a minute by default), if the chain
 * has grown, the stretch since the last checkpoint is verified and the new head is signed with the checkpoint key and
 * recorded. What was recorded before a checkpoint can no longer be rewritten unnoticed, even by someone who can write
 * to the database and compute the chain again. The last checkpoint this node signed is also kept in memory: while the
 * node runs, a history cut short together with its checkpoints is reported by the verification, and no checkpoint is
 * signed over it (nor over a chain that does not verify, or a checkpoint beyond the head); each such refusal is logged
 * as an error and counted ({@code ledger.chain.checkpoints.refused}).
 */
@Component
public class ChainAnchoring implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ChainAnchoring.class);

    private final CheckpointKey key;
    private final ChainCheckpoints checkpoints;
    private final EventTableReader events;
    private final EventLog log;
    private final Clock clock;
    private final LedgerProperties.Checkpoint settings;
    private final Counter refused;
    private final AtomicReference<ChainCheckpoint> lastSigned = new AtomicReference<>();
    private final ScheduledExecutorService scheduler;

    public ChainAnchoring(
            CheckpointKey key,
            ChainCheckpoints checkpoints,
            EventTableReader events,
            JdbcTemplate jdbc,
            Clock clock,
            LedgerProperties properties,
            MeterRegistry registry) {
        this.key = key;
        this.checkpoints = checkpoints;
        this.events = events;
        this.log = new EventLog(jdbc);
        this.clock = clock;
        this.settings = properties.checkpoint();
        this.refused = Counter.builder("ledger.chain.checkpoints.refused")
                .description("Times the chain since the last checkpoint did not verify, so that no checkpoint was"
                        + " signed: someone changed the event store")
                .register(registry);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "chain-anchoring");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void startAnchoring() {
        LOG.info("the chain's checkpoints are signed with key {}", key.keyId());
        long millis = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::anchorQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void anchorQuietly() {
        try {
            anchor();
        } catch (RuntimeException failure) {
            LOG.warn("no checkpoint of the chain signed this time: {}", failure.toString());
        }
    }

    /**
     * Signs the chain's head if it has moved since the last checkpoint and the events since then verify. Returns the
     * checkpoint signed, if one was.
     */
    public Optional<ChainCheckpoint> anchor() {
        Optional<EventLog.Head> head = log.head();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Optional<ChainCheckpoint> latest = checkpoints.latest();
        Optional<ChainCheckpoint> signedHere = lastSigned();
        if (signedHere.isPresent()
                && latest.map(c -> c.position() < signedHere.get().position()).orElse(true)) {
            return refuse("the checkpoint this node signed at position "
                    + signedHere.get().position() + " is gone from the store");
        }
        if (latest.isPresent() && latest.get().position() > head.get().position()) {
            return refuse("a checkpoint names position " + latest.get().position() + " beyond the chain's head "
                    + head.get().position());
        }
        if (latest.isPresent() && latest.get().position() == head.get().position()) {
            return Optional.empty();
        }
        // The store's last checkpoint is at least this node's own (else refused above), signed by the ledger's key.
        Optional<ChainCheckpoint> start = latest;
        ChainVerifier stretch;
        try {
            stretch = start.map(from -> ChainVerifier.after(from, key.publicKey()))
                    .orElseGet(() -> new ChainVerifier(key.publicKey()));
        } catch (IllegalStateException otherKey) {
            return refuse(otherKey.getMessage());
        }
        long upTo = head.get().position();
        events.forEachAfter(
                start.map(ChainCheckpoint::position).orElse(0L),
                event -> event.position() <= upTo && stretch.accept(event));
        ChainVerifier.Result verified = stretch.result();
        if (!verified.valid() || verified.lastValidPosition() != upTo) {
            return refuse("the chain does not verify since the last checkpoint: " + verified.reason());
        }
        ChainCheckpoint signed = key.sign(upTo, verified.head(), clock.instant());
        checkpoints.record(signed);
        lastSigned.set(signed);
        return Optional.of(signed);
    }

    /** No checkpoint: the store was changed. Logged as an error and counted, for an operator to look at now. */
    private Optional<ChainCheckpoint> refuse(String why) {
        refused.increment();
        LOG.error("no checkpoint of the hash chain is signed: {}. See /api/v1/audit/verify.", why);
        return Optional.empty();
    }

    /** The last checkpoint this node signed since it started. */
    public Optional<ChainCheckpoint> lastSigned() {
        return Optional.ofNullable(lastSigned.get());
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
