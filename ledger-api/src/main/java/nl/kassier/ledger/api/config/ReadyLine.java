package nl.kassier.ledger.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says where the service can be reached once it is: when it accepts traffic, which it does only after the regeling's
 * history is recorded and any rebuild of the read models is done, the moment health turns UP.
 */
@Component
class ReadyLine {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyLine.class);

    private final String address;

    ReadyLine(@Value("${server.address:localhost}") String address) {
        this.address = address;
    }

    @EventListener
    void onReadiness(AvailabilityChangeEvent<ReadinessState> change) {
        if (change.getState() == ReadinessState.ACCEPTING_TRAFFIC
                && change.getSource() instanceof WebServerApplicationContext context
                && context.getWebServer() != null) {
            LOG.info("ready on http://{}:{}", address, context.getWebServer().getPort());
        }
    }
}
