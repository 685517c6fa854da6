package nl.kassier.ledger.api.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import nl.kassier.ledger.core.shared.LedgerErrorCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error page, for requests it refuses before they reach the service (a header too large, a malformed
 * request line): the same problem form as every other refusal instead of an HTML page, and nothing about the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        LedgerErrorCode code = Problems.codeFor(status);
        String body = "{\"type\":\"urn:kassier:problem:"
                + code.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "\",\"title\":\"Error\",\"status\":" + status
                + ",\"detail\":\"the request could not be handled\",\"code\":\"" + code.name() + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already started: nothing more to tell it.
        }
    }
}
