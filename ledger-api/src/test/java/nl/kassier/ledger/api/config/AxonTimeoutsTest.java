package nl.kassier.ledger.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Axon's handler timeouts are off: they capture a stack trace at the start of every handler, a cost on every command
 * and every event handled, and only ever warn.
 */
@LedgerServiceTest
class AxonTimeoutsTest {

    @Autowired
    ApplicationContext context;

    @Test
    void noHandlerIsTimed() {
        assertThat(context.getBeanNamesForType(AxonTimeoutAutoConfiguration.class))
                .isEmpty();
    }
}
