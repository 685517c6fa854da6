package nl.kassier.ledger.infra.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.LegalDates;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Texts;

/**
 * The JSON form of the domain's value types, the same in stored events and on the wire: an amount is the string
 * {@code "1250.00"}, never a JSON number; a region, a candidate's ref, a payment id, a reason or a reference is its
 * text. Each value type is the one definition of a valid value, and reading applies it in one of two ways:
 *
 * <ul>
 *   <li>{@link #forWire()} refuses what the type refuses ({@link InvalidValueException}, a 400 naming the field), and
 *       so do dates outside the ledger's calendar and enum names with white space around them;
 *   <li>{@link #forStorage()} never refuses what the service stored: a value an earlier rule let in but the current
 *       one refuses is repaired as it is read ({@code repaired} of each type, {@link Texts#repair}, {@link
 *       LegalDates#repair}), so that an old event can always be replayed into every read model. The event itself is
 *       never changed. Region codes and payment ids are read as strictly as on the wire: the service has checked
 *       them by the same rule from its first version, so one that breaks it was not stored by the service.
 * </ul>
 */
public final class LedgerJsonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    private LedgerJsonModule(String name, boolean stored) {
        super(name);
        addSerializer(Money.class, new MoneySerializer());
        addDeserializer(Money.class, new MoneyDeserializer());
        addSerializer(RegionCode.class, text(RegionCode::value));
        addDeserializer(RegionCode.class, value(RegionCode.class, RegionCode::new));
        addSerializer(CandidateRef.class, text(CandidateRef::value));
        addSerializer(CandidateId.class, text(CandidateId::value));
        addDeserializer(CandidateId.class, value(CandidateId.class, CandidateId::new));
        addSerializer(PaymentId.class, text(PaymentId::value));
        addSerializer(Reason.class, text(Reason::value));
        addSerializer(Reference.class, text(Reference::value));
        addSerializer(Description.class, text(Description::value));
        addDeserializer(PaymentId.class, value(PaymentId.class, PaymentId::new));
        if (stored) {
            addDeserializer(CandidateRef.class, value(CandidateRef.class, CandidateRef::repaired));
            addDeserializer(Reason.class, value(Reason.class, Reason::repaired));
            addDeserializer(Reference.class, value(Reference.class, Reference::repaired));
            addDeserializer(Description.class, value(Description.class, Description::repaired));
            addDeserializer(String.class, new RepairingStringDeserializer());
            addDeserializer(LocalDate.class, new DateDeserializer(true));
            addDeserializer(Actor.class, new StoredActorDeserializer());
        } else {
            addDeserializer(CandidateRef.class, value(CandidateRef.class, CandidateRef::new));
            addDeserializer(Reason.class, value(Reason.class, Reason::new));
            addDeserializer(Reference.class, value(Reference.class, Reference::new));
            addDeserializer(Description.class, value(Description.class, Description::new));
            addDeserializer(LocalDate.class, new DateDeserializer(false));
            setDeserializerModifier(new StrictEnums());
        }
    }

    /** For requests and answers: refuses every value its type refuses. */
    public static LedgerJsonModule forWire() {
        return new LedgerJsonModule("ledger-wire", false);
    }

    /** For stored events, snapshots and tokens: reads whatever the ledger ever stored, repairing what no longer fits. */
    public static LedgerJsonModule forStorage() {
        return new LedgerJsonModule("ledger-storage", true);
    }

    /**
     * A value the type refuses, with the type's own words for what is wrong: the API answers it as a field error of
     * the field it was read for.
     */
    public static final class InvalidValueException extends InvalidFormatException {

        private static final long serialVersionUID = 1L;

        InvalidValueException(JsonParser parser, String problem, Object value, Class<?> type) {
            super(parser, problem, value, type);
        }
    }

    private static <T> JsonSerializer<T> text(Function<T, String> form) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(form.apply(value));
            }
        };
    }

    /** A value type read from its text: the type's constructor (or repair) decides, and its refusal names the field. */
    private static <T> JsonDeserializer<T> value(Class<T> type, Function<String, T> reading) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(
                            context.handleUnexpectedToken(type, parser.currentToken(), parser, "expected a string"));
                }
                String text = parser.getText();
                try {
                    return reading.apply(text);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValueException(parser, e.getMessage(), text, type);
                }
            }
        };
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
                throw new InvalidValueException(
                        parser,
                        "an amount is a string with exactly two decimals, such as \"1250.00\"",
                        null,
                        Money.class);
            }
            String text = parser.getText();
            if (!Money.isWireForm(text)) {
                throw new InvalidValueException(
                        parser, "an amount has exactly two decimals, such as \"1250.00\"", text, Money.class);
            }
            return Money.parse(text);
        }
    }

    /** A date as {@code "2021-11-23"}: refused (wire) or moved into the calendar (stored) when outside it. */
    static final class DateDeserializer extends JsonDeserializer<LocalDate> {

        private final boolean stored;

        DateDeserializer(boolean stored) {
            this.stored = stored;
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) context.handleUnexpectedToken(
                        LocalDate.class, parser.currentToken(), parser, "a date is a string such as \"2021-11-23\"");
            }
            String text = parser.getText();
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidValueException(parser, "a date such as \"2021-11-23\"", text, LocalDate.class);
            }
            if (LegalDates.isInRange(date)) {
                return date;
            }
            if (stored) {
                return LegalDates.repair(date);
            }
            throw new InvalidValueException(parser, LegalDates.rangeProblem(), text, LocalDate.class);
        }
    }

    /** Stored text with control characters or lone surrogates, which no read model column can hold, repaired. */
    static final class RepairingStringDeserializer extends StringDeserializer {

        private static final long serialVersionUID = 1L;

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            return text == null || Texts.isClean(text) ? text : Texts.repair(text, Integer.MAX_VALUE);
        }
    }

    /** A stored actor, its name and organisation repaired where an earlier rule let in what the current refuses. */
    static final class StoredActorDeserializer extends JsonDeserializer<Actor> {
        @Override
        public Actor deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            String username = node.path("username").asText(null);
            String role = node.path("role").asText(null);
            JsonNode organisation = node.path("organisation");
            return Actor.repaired(username, role, organisation.isTextual() ? organisation.asText() : null);
        }
    }

    /**
     * An enum by its exact name: Jackson would also take {@code "RESERVED "}, trimming it, where the contract is strict.
     */
    static final class StrictEnums extends BeanDeserializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(
                DeserializationConfig config, JavaType type, BeanDescription description, JsonDeserializer<?> found) {
            return new DelegatingDeserializer(found) {
                private static final long serialVersionUID = 1L;

                @Override
                protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
                    return modifyEnumDeserializer(config, type, description, delegate);
                }

                @Override
                public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    if (parser.currentToken() == JsonToken.VALUE_STRING) {
                        String text = parser.getText();
                        if (!text.equals(text.strip())) {
                            throw InvalidFormatException.from(
                                    parser, "an enum value is its exact name", text, type.getRawClass());
                        }
                    }
                    return super.deserialize(parser, context);
                }
            };
        }
    }
}
