package nl.kassier.ledger.api.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /api/v1/openapi.json}, with amounts and regions in their wire form. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        Money.class,
                        new StringSchema()
                                .pattern("^-?[0-9]{1,17}\\.[0-9]{2}$")
                                .example("1250.00")
                                .description("euros with exactly two decimals; requests take positive amounts only,"
                                        + " answers may be negative (an overspent line's available, a difference)"))
                .replaceWithSchema(RegionCode.class, new StringSchema().example("rijnmond"));
    }

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("kassier: the RMT budget ledger")
                        .version("1.0.0")
                        .description("Budgets, reservations, commitments and payments under the Tijdelijke regeling"
                                + " aanvullende dienstverlening, recorded as events."));
    }
}
