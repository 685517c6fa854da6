package nl.kassier.ledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import nl.kassier.ledger.api.security.Access;
import nl.kassier.ledger.api.security.LedgerUser;
import nl.kassier.ledger.api.web.Validation;
import nl.kassier.ledger.core.shared.Role;
import nl.kassier.ledger.infra.audit.ChainCheckpoint;
import nl.kassier.ledger.infra.audit.ChainCheckpoints;
import nl.kassier.ledger.infra.audit.ChainExport;
import nl.kassier.ledger.infra.audit.ChainVerifier;
import nl.kassier.ledger.infra.audit.ChainedEvent;
import nl.kassier.ledger.infra.audit.CheckpointKey;
import nl.kassier.ledger.infra.audit.EventHashing;
import nl.kassier.ledger.infra.audit.EventTableReader;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * What an auditor needs without trusting the running system: every event in recording order with its hash chain,
 * the chain verified against the stored rows, and the whole stream as an export to verify elsewhere.
 */
@RestController
@RequestMapping(path = "/api/v1/audit")
public class AuditController {

    private static final int LIMIT_MAX = 1_000;
    private static final int LIMIT_DEFAULT = 100;

    private final EventTableReader events;
    private final ChainCheckpoints checkpoints;
    private final CheckpointKey key;
    private final ChainAnchoring anchoring;
    private final ObjectMapper json;

    public AuditController(
            EventTableReader events,
            ChainCheckpoints checkpoints,
            CheckpointKey key,
            ChainAnchoring anchoring,
            ObjectMapper json) {
        this.events = events;
        this.checkpoints = checkpoints;
        this.key = key;
        this.anchoring = anchoring;
        this.json = json;
    }

    public record AuditEvent(
            long position,
            String type,
            String aggregateId,
            long sequence,
            Instant recordedAt,
            String actor,
            JsonNode payload,
            String hash,
            String previousHash) {}

    public record Page(List<AuditEvent> events, long next) {}

    @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public Page events(
            @RequestParam(defaultValue = "0") Long after,
            @RequestParam(defaultValue = "" + LIMIT_DEFAULT) Integer limit,
            @AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.AUDITOR, Role.KASSIER);
        Validation v = new Validation();
        if (after < 0) {
            v.fail("after", "a position, 0 or more");
        }
        v.range("limit", limit, 1, LIMIT_MAX);
        v.throwIfInvalid();
        List<AuditEvent> page =
                events.page(after, limit).stream().map(this::toAuditEvent).toList();
        long next = page.isEmpty() ? after : page.get(page.size() - 1).position();
        return new Page(page, next);
    }

    /**
     * The chain verified against the stored rows and anchored by the signed checkpoints: a history altered and chained
     * again, or cut short, is invalid from the first checkpoint it no longer matches; one cut short together with its
     * checkpoints is found by the last checkpoint this node signed.
     */
    @GetMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    public ChainVerifier.Result verify(@AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.AUDITOR);
        Optional<ChainCheckpoint> signedHere = anchoring.lastSigned();
        ChainVerifier verifier = new ChainVerifier(checkpoints.all(), key.publicKey());
        events.forEach(verifier::accept);
        signedHere.ifPresent(checkpoint -> verifier.requireAnchoredAt(checkpoint.position()));
        return verifier.result();
    }

    /** The key that signs the chain's checkpoints, to pin in an offline verification, and the latest checkpoint. */
    public record Anchor(String keyId, String publicKey, ChainCheckpoint latest) {}

    @GetMapping(path = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    public Anchor anchor(@AuthenticationPrincipal LedgerUser user) {
        // The kassier publishes the key; SZW and the auditors pin it.
        Access.requireRole(user, Role.KASSIER, Role.AUDITOR, Role.SZW);
        return new Anchor(
                key.keyId(), key.publicKeyBase64(), checkpoints.latest().orElse(null));
    }

    /** The whole stream as JSON Lines, closed by a line with the event count and the chain head. */
    @GetMapping(path = "/export")
    public ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal LedgerUser user) {
        Access.requireRole(user, Role.AUDITOR);
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            Iterator<ChainCheckpoint> signed = checkpoints.all().iterator();
            ChainCheckpoint[] next = {signed.hasNext() ? signed.next() : null};
            long[] count = {0, 0};
            String[] head = {EventHashing.GENESIS};
            ChainExport.writeKey(writer, key);
            events.forEach(event -> {
                try {
                    // Every checkpoint is written, at its place in the chain: one of a position the chain does not
                    // have comes before the next event, so that the verification reports it.
                    while (next[0] != null && next[0].position() < event.position()) {
                        ChainExport.writeCheckpoint(writer, next[0]);
                        count[1]++;
                        next[0] = signed.hasNext() ? signed.next() : null;
                    }
                    ChainExport.writeEvent(writer, event);
                    while (next[0] != null && next[0].position() == event.position()) {
                        ChainExport.writeCheckpoint(writer, next[0]);
                        count[1]++;
                        next[0] = signed.hasNext() ? signed.next() : null;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
                head[0] = event.hash();
                return true;
            });
            while (next[0] != null) {
                // Checkpoints beyond the last event: the chain was cut short.
                ChainExport.writeCheckpoint(writer, next[0]);
                count[1]++;
                next[0] = signed.hasNext() ? signed.next() : null;
            }
            ChainExport.writeHead(writer, count[0], head[0], count[1]);
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/jsonl"))
                .header("Content-Disposition", "attachment; filename=\"kassier-ledger-export.jsonl\"")
                .body(body);
    }

    private AuditEvent toAuditEvent(ChainedEvent event) {
        JsonNode payload;
        try {
            payload = json.readTree(event.payload());
        } catch (IOException e) {
            payload = json.nullNode();
        }
        JsonNode actor = payload.path("actor");
        String actorName = actor.isObject() ? actor.path("username").asText(null) : actor.asText(null);
        String type = event.payloadType().substring(event.payloadType().lastIndexOf('.') + 1);
        return new AuditEvent(
                event.position(),
                type,
                event.aggregateIdentifier(),
                event.sequenceNumber(),
                event.recordedAt(),
                actorName,
                payload,
                event.hash(),
                event.previousHash());
    }
}
