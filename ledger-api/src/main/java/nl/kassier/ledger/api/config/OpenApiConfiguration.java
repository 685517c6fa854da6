package nl.kassier.ledger.api.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
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
                .replaceWithSchema(RegionCode.class, new StringSchema().example("rijnmond"))
                .replaceWithSchema(
                        CandidateRef.class,
                        new StringSchema()
                                .pattern("^" + CandidateRef.PATTERN + "$")
                                .minLength(3)
                                .maxLength(CandidateRef.LENGTH_MAX)
                                .example("pseudonym-123")
                                .description("the partner's pseudonym for the candidate; never a BSN (a number of 8"
                                        + " or 9 digits passing the eleven-test is refused) or a name. Stored only"
                                        + " sealed under the candidate's key; shown to partners and coördinatoren"
                                        + " of the region, null for the national roles and once erased"))
                .replaceWithSchema(
                        PaymentId.class,
                        new StringSchema()
                                .pattern("^" + PaymentId.PATTERN + "$")
                                .maxLength(PaymentId.LENGTH_MAX)
                                .example("PAY-0001")
                                .description("the payment's EndToEndId: visible ASCII, unique in the ledger"))
                .replaceWithSchema(Reason.class, freeText(Reason.LENGTH_MAX, "why"))
                .replaceWithSchema(Reference.class, freeText(Reference.LENGTH_MAX, "a reference"))
                .replaceWithSchema(
                        Description.class,
                        freeText(
                                Description.LENGTH_MAX,
                                "what the reservation is for, in a few words; not for personal data (names, BSN,"
                                        + " diagnoses, benefits). Stored only sealed under the candidate's key"));
    }

    private static StringSchema freeText(int lengthMax, String what) {
        return (StringSchema) new StringSchema()
                .minLength(1)
                .maxLength(lengthMax)
                .description(what + ": at most " + lengthMax + " characters once trimmed, without control characters"
                        + " (U+0000-U+001F, U+007F-U+009F) or lone surrogates");
    }

    @Bean
    OpenAPI ledgerOpenApi(LedgerProperties properties) {
        return new OpenAPI()
                // A fixed address, never the Host header of whoever asked.
                .servers(List.of(new Server().url(properties.publicUrl())))
                .info(new Info()
                        .title("kassier: the RMT budget ledger")
                        .version("1.0.0")
                        .description("Budgets, reservations, commitments and payments under the Tijdelijke regeling"
                                + " aanvullende dienstverlening, recorded as events."));
    }
}
