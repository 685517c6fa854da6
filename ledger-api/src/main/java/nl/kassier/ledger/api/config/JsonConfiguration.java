package nl.kassier.ledger.api.config;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import nl.kassier.ledger.infra.json.LedgerJsonModule;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Strict JSON on the wire: amounts only as {@code "1250.00"} strings, no number where a string is asked and no string
 * where a number is asked, no enum by its index. Unknown fields are refused (application.yml).
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    /**
     * The API speaks JSON only. Libraries on the classpath (swagger-core brings Jackson's YAML support) would
     * otherwise add converters that read other formats leniently.
     */
    @Bean
    WebMvcConfigurer jsonOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.removeIf(converter -> {
                    String name = converter.getClass().getSimpleName();
                    return name.contains("Yaml") || name.contains("Cbor") || name.contains("Smile");
                });
            }
        };
    }

    @Bean
    LedgerJsonModule ledgerJsonModule() {
        return LedgerJsonModule.forWire();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictCoercion() {
        return builder -> builder.postConfigurer(mapper -> {
            for (LogicalType type : new LogicalType[] {
                LogicalType.Textual,
                LogicalType.Integer,
                LogicalType.Float,
                LogicalType.Boolean,
                LogicalType.Enum,
                LogicalType.DateTime
            }) {
                mapper.coercionConfigFor(type)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
            }
            // A date is a date: "2022-07-01", never a date-time cut down to its UTC day.
            mapper.configOverride(java.time.LocalDate.class)
                    .setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forLeniency(false));
            // Numbers stay numbers: an integer field accepts an integer token, nothing else.
            mapper.coercionConfigFor(LogicalType.Integer)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        });
    }
}
