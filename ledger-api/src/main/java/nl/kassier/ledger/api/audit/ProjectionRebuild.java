package nl.kassier.ledger.api.audit;

import java.util.List;
import nl.kassier.ledger.api.consistency.ProjectionBarrier;
import nl.kassier.ledger.projections.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Drops every read model and replays the whole event stream into it. Run by an operator with
 * {@code java -jar kassier-ledger.jar --ledger.rebuild-projections=true}: the service rebuilds before it reports
 * ready. Only the read models are reset; processes that act on events (the propagation of amendments, the settlement of
 * imported statements) keep their place, so a rebuild records nothing.
 */
@Component
@Order(2)
public class ProjectionRebuild implements ApplicationRunner {

    /** The processing groups that only keep read models, and so may be replayed at will. */
    public static final List<String> READ_MODELS = List.of(ReadModels.PROCESSING_GROUP);

    private static final String OPTION = "ledger.rebuild-projections";

    /** A rebuild replays the whole stream: it may take a while, and is done only when it is done. */
    private static final java.time.Duration REBUILD_WAIT_MAX = java.time.Duration.ofHours(6);

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionBarrier barrier;

    public ProjectionRebuild(EventProcessingConfiguration processing, ProjectionBarrier barrier) {
        this.processing = processing;
        this.barrier = barrier;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption(OPTION)
                && !"false".equals(args.getOptionValues(OPTION).get(0))) {
            rebuild();
        }
    }

    /** Resets every read model, replays the stream into it, and returns once all have caught up. */
    public void rebuild() {
        long started = System.nanoTime();
        for (String name : READ_MODELS) {
            StreamingEventProcessor processor = processing
                    .eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("no processor " + name));
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        barrier.awaitEverything(REBUILD_WAIT_MAX);
        LOG.info("read models {} rebuilt in {} ms", READ_MODELS, (System.nanoTime() - started) / 1_000_000);
    }
}
