package nl.kassier.ledger.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import nl.kassier.ledger.api.problem.ProblemWriter;
import nl.kassier.ledger.api.problem.RefusedBodyException;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body may exceed its limit: {@value #BODY_BYTES_MAX} bytes for a JSON command, {@value
 * #STATEMENT_BYTES_MAX} for a bank statement, {@value #PAYMENT_RUN_BYTES_MAX} for a payment run. A declared larger body is refused before it is read, and a chunked one
 * stops being read at the limit. Either way the answer is a 413 problem and nothing is recorded.
 *
 * <p>JSON is UTF-8 (contract): a JSON body declared in another charset is refused with 415 before it is read, and one
 * in UTF-16 or UTF-32 without a declaration, which the JSON reader would otherwise recognise and take, is refused with
 * 400 at its first bytes (a NUL byte or a UTF-16 byte order mark, neither of which UTF-8 JSON can begin with).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** One mebibyte: a JSON command is a few hundred bytes, an amendment with every regional table a few hundred KB. */
    public static final int BODY_BYTES_MAX = 1024 * 1024;

    /** 32 mebibytes: a camt.053 statement of 10,000 entries is about ten. */
    public static final int STATEMENT_BYTES_MAX = 32 * 1024 * 1024;

    private static final String STATEMENT_PATH = "/api/v1/reconciliations";

    /** 8 mebibytes: a payment run of 10,000 payments, each with the longest values allowed, is about five. */
    public static final int PAYMENT_RUN_BYTES_MAX = 8 * 1024 * 1024;

    private static final String PAYMENT_RUN_PATH = "/api/v1/payments";

    private final ProblemWriter problems;

    public RequestBodyLimitFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().startsWith(STATEMENT_PATH)
                ? STATEMENT_BYTES_MAX
                : request.getRequestURI().equals(PAYMENT_RUN_PATH) ? PAYMENT_RUN_BYTES_MAX : BODY_BYTES_MAX;
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, LedgerErrorCode.PAYLOAD_TOO_LARGE, tooLarge(limit));
            return;
        }
        Optional<MediaType> type = mediaType(request.getContentType());
        boolean json = type.filter(
                        t -> "json".equals(t.getSubtype()) || t.getSubtype().endsWith("+json"))
                .isPresent();
        // The header as the client sent it: the request's own encoding is set to UTF-8 by Spring's encoding filter.
        String charset = type.map(t -> t.getParameter("charset")).orElse(null);
        if (json && charset != null && !"UTF-8".equalsIgnoreCase(unquoted(charset))) {
            problems.write(
                    request,
                    response,
                    LedgerErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "JSON is accepted in UTF-8 only, not in " + unquoted(charset));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit, json), response);
    }

    private static Optional<MediaType> mediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return Optional.empty();
        }
    }

    private static String unquoted(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    static String tooLarge(long limit) {
        return "a request body here may be at most " + limit + " bytes";
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final boolean json;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limit, boolean json) {
            super(request);
            this.limit = limit;
            this.json = json;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit, json);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        /** How many of a JSON body's first bytes are looked at for another encoding than UTF-8. */
        private static final int LEADING_BYTES = 2;

        private final ServletInputStream delegate;
        private final long limit;
        private final boolean json;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limit, boolean json) {
            this.delegate = delegate;
            this.limit = limit;
            this.json = json;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                leading(b);
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            for (int i = 0; i < n && read + i < LEADING_BYTES; i++) {
                leading(buffer[offset + i] & 0xFF);
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        /** A NUL byte, or 0xFE or 0xFF (a UTF-16 byte order mark), where UTF-8 JSON begins: another encoding. */
        private void leading(int b) throws IOException {
            if (json && read < LEADING_BYTES && (b == 0x00 || b == 0xFE || b == 0xFF)) {
                throw new RefusedBodyException(
                        LedgerErrorCode.VALIDATION_FAILED, "JSON is accepted in UTF-8 only; this body is not UTF-8");
            }
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new RefusedBodyException(LedgerErrorCode.PAYLOAD_TOO_LARGE, tooLarge(limit));
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
