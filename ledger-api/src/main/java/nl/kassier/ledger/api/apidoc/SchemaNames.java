package nl.kassier.ledger.api.apidoc;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import java.util.Map;
import nl.kassier.ledger.api.budget.ReservationResponses;
import nl.kassier.ledger.api.reconciliation.PaymentRunController;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import nl.kassier.ledger.projections.statement.NationalStatement;
import nl.kassier.ledger.projections.statement.Statement;
import org.springframework.stereotype.Component;

/**
 * Names in the API document for the answers whose classes share a simple name: springdoc names a schema by its
 * class's simple name, so a budget's line, a statement's and the national statement's would all be one {@code Line},
 * and the chain's verification and the payment run's result one {@code Result} — the document would describe two of
 * the three wrongly. Each gets a name of its own here, before the schema is made.
 */
@Component
class SchemaNames implements ModelConverter {

    private static final Map<Class<?>, String> NAMES = Map.of(
            ReservationResponses.Line.class, "BudgetLine",
            Statement.Line.class, "StatementLine",
            NationalStatement.Line.class, "NationalStatementLine",
            ChainVerifier.Result.class, "ChainVerification",
            PaymentRunController.Result.class, "PaymentRunResult");

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        String name = NAMES.get(rawClass(type));
        if (name != null && (type.getName() == null || type.getName().isBlank())) {
            type.name(name);
        }
        return chain.next().resolve(type, context, chain);
    }

    private static Class<?> rawClass(AnnotatedType type) {
        if (type.getType() instanceof Class<?> cls) {
            return cls;
        }
        if (type.getType() instanceof JavaType javaType) {
            return javaType.getRawClass();
        }
        return type.getType() == null
                ? null
                : Json.mapper().constructType(type.getType()).getRawClass();
    }
}
