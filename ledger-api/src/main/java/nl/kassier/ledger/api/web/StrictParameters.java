package nl.kassier.ledger.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.beans.PropertyEditorSupport;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import nl.kassier.ledger.api.problem.InvalidParameterValue;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import nl.kassier.ledger.core.shared.LedgerRejection;
import nl.kassier.ledger.core.shared.LedgerRejection.FieldError;
import nl.kassier.ledger.core.shared.LegalDates;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters and path variables as strict as bodies (contract 1.1). Spring would take {@code " 2022"} for a
 * year, epoch milliseconds or an RFC 1123 date for an instant, {@code "RESERVED "} for a status, and ignore a
 * parameter it does not know or a second value of one it does: an auditor asking a budget {@code ?on=2022-12-31}
 * would get today's figures without a word. Here a number is digits, an instant is RFC 3339 within the ledger's
 * calendar, an enum value is its exact name, and an unknown or repeated parameter is refused, naming it.
 */
@Configuration(proxyBeanMethods = false)
public class StrictParameters implements WebMvcConfigurer {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Registered after Spring's own, so these are asked first.
        registry.addConverter(String.class, Integer.class, StrictParameters::integer);
        registry.addConverter(String.class, Long.class, StrictParameters::wholeNumber);
        registry.addConverter(String.class, Boolean.class, StrictParameters::bool);
        registry.addConverter(String.class, Instant.class, StrictParameters::instant);
        registry.addConverter(String.class, LocalDate.class, StrictParameters::date);
        registry.addConverterFactory(new ExactEnumNames());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // The REST API's parameters; the dashboard's forms carry their CSRF token and read what they know.
        registry.addInterceptor(new KnownParametersOnly()).addPathPatterns("/api/**");
    }

    /**
     * The same strict readings as property editors: where a conversion fails, Spring falls back to its default
     * editors, which take {@code " 2022"}, {@code "+1"} and {@code "1"} for true, and keeps their answer. An editor of
     * the endpoint's own is asked instead of both.
     */
    @ControllerAdvice
    static class StrictEditors {

        @InitBinder
        void strictScalars(WebDataBinder binder) {
            binder.registerCustomEditor(Integer.class, editor(StrictParameters::integer));
            binder.registerCustomEditor(Long.class, editor(StrictParameters::wholeNumber));
            binder.registerCustomEditor(Boolean.class, editor(StrictParameters::bool));
        }

        private static PropertyEditorSupport editor(Function<String, Object> reading) {
            return new PropertyEditorSupport() {
                @Override
                public void setAsText(String text) {
                    setValue(text == null ? null : reading.apply(text));
                }
            };
        }
    }

    static long wholeNumber(String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new InvalidParameterValue("a whole number, in digits");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidParameterValue("a whole number, in digits");
        }
    }

    static Integer integer(String text) {
        long number = wholeNumber(text);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new InvalidParameterValue("a whole number of at most " + Integer.MAX_VALUE);
        }
        return (int) number;
    }

    static Boolean bool(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidParameterValue("true or false");
        };
    }

    static Instant instant(String text) {
        Instant instant;
        try {
            // In UTC, as the contract writes instants: a local time with an offset is not one.
            if (!text.endsWith("Z")) {
                throw new DateTimeParseException("not in UTC", text, text.length());
            }
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterValue("an instant in RFC 3339 in UTC, such as 2021-11-23T10:15:30Z");
        }
        if (!LegalDates.isInRange(instant)) {
            throw new InvalidParameterValue(LegalDates.instantRangeProblem());
        }
        return instant;
    }

    static LocalDate date(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterValue("a date such as 2021-11-23");
        }
        if (!LegalDates.isInRange(date)) {
            throw new InvalidParameterValue(LegalDates.rangeProblem());
        }
        return date;
    }

    /** The constant of {@code type} named exactly {@code text}, or a refusal naming the constants there are. */
    public static <T extends Enum<?>> T exactName(Class<T> type, String text) {
        for (T constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new InvalidParameterValue("one of " + List.of(type.getEnumConstants()));
    }

    /** An enum value by its exact name. */
    private static final class ExactEnumNames implements ConverterFactory<String, Enum<?>> {

        @Override
        public <T extends Enum<?>> Converter<String, T> getConverter(Class<T> type) {
            return text -> exactName(type, text);
        }
    }

    /** Refuses a query parameter the endpoint does not declare, or one given twice. */
    static final class KnownParametersOnly implements HandlerInterceptor {

        private static final String OWN_PACKAGE = "nl.kassier.ledger.api";

        private final Map<HandlerMethod, Set<String>> declared = new ConcurrentHashMap<>();

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod method)
                    || !method.getBeanType().getPackageName().startsWith(OWN_PACKAGE)) {
                return true;
            }
            Set<String> known = declared.computeIfAbsent(method, KnownParametersOnly::parameterNames);
            List<FieldError> errors = new ArrayList<>();
            request.getParameterMap().forEach((name, values) -> {
                if (!known.contains(name)) {
                    errors.add(
                            new FieldError(name, "unknown parameter" + (known.isEmpty() ? "" : "; known: " + known)));
                } else if (values.length > 1) {
                    errors.add(new FieldError(name, "given more than once"));
                }
            });
            if (!errors.isEmpty()) {
                throw new LedgerRejection(LedgerErrorCode.VALIDATION_FAILED, "the request is not valid", errors);
            }
            return true;
        }

        private static Set<String> parameterNames(HandlerMethod method) {
            SortedSet<String> names = new TreeSet<>();
            for (MethodParameter parameter : method.getMethodParameters()) {
                RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
                if (annotation != null) {
                    String name = annotation.name().isEmpty() ? annotation.value() : annotation.name();
                    Parameter reflected = parameter.getParameter();
                    names.add(name.isEmpty() ? reflected.getName() : name);
                }
            }
            return Collections.unmodifiableSortedSet(names);
        }
    }
}
