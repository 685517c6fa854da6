package nl.kassier.ledger.infra.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.RegionCode;

/**
 * The JSON form of the domain's value types, the same in stored events and on the wire: an amount is the string
 * {@code "1250.00"}, never a JSON number; a region is its code.
 */
public final class LedgerJsonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    public LedgerJsonModule() {
        super("ledger");
        addSerializer(Money.class, new MoneySerializer());
        addDeserializer(Money.class, new MoneyDeserializer());
        addSerializer(RegionCode.class, new RegionCodeSerializer());
        addDeserializer(RegionCode.class, new RegionCodeDeserializer());
    }

    static final class MoneySerializer extends JsonSerializer<Money> {
        @Override
        public void serialize(Money value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toPlainString());
        }
    }

    static final class MoneyDeserializer extends JsonDeserializer<Money> {
        @Override
        public Money deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Money) context.handleUnexpectedToken(
                        Money.class,
                        parser.currentToken(),
                        parser,
                        "an amount is a string with exactly two decimals, such as \"1250.00\"");
            }
            String text = parser.getText();
            if (!Money.isWireForm(text)) {
                return (Money) context.handleWeirdStringValue(
                        Money.class, text, "an amount has exactly two decimals, such as \"1250.00\"");
            }
            return Money.parse(text);
        }
    }

    static final class RegionCodeSerializer extends JsonSerializer<RegionCode> {
        @Override
        public void serialize(RegionCode value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.value());
        }
    }

    static final class RegionCodeDeserializer extends JsonDeserializer<RegionCode> {
        @Override
        public RegionCode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (RegionCode) context.handleUnexpectedToken(
                        RegionCode.class, parser.currentToken(), parser, "a region is its code, a string");
            }
            try {
                return new RegionCode(parser.getText());
            } catch (IllegalArgumentException e) {
                return (RegionCode)
                        context.handleWeirdStringValue(RegionCode.class, parser.getText(), "not a region code");
            }
        }
    }
}
