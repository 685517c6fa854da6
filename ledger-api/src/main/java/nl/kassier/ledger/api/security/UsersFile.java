package nl.kassier.ledger.api.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.kassier.ledger.core.region.Regions;
import nl.kassier.ledger.core.shared.OrganisationType;
import nl.kassier.ledger.core.shared.RegionCode;
import nl.kassier.ledger.core.shared.Role;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The users of the default profile, read from the YAML file of the contract. Passwords are in Spring's
 * DelegatingPasswordEncoder form ({@code {bcrypt}…}, {@code {noop}…}). A file with an unknown role, an unknown region,
 * a coördinator without exactly one region, a partner without a region or an organisation, or a name an event could
 * not record is refused at start.
 */
public final class UsersFile {

    /** The demo users shipped with the service; their passwords are in the README. */
    public static final String DEMO_RESOURCE = "/demo-users.yml";

    private UsersFile() {}

    /** A user as the file declares it: who it is and its encoded password. */
    public record Entry(LedgerUser user, String encodedPassword) {}

    record FileUser(
            String username,
            String password,
            Role role,
            String region,
            List<String> regions,
            String organisation,
            OrganisationType organisationType) {}

    record FileContent(List<FileUser> users) {}

    public static Map<String, Entry> load(String location) {
        try {
            if (location == null || location.isBlank()) {
                try (InputStream in = UsersFile.class.getResourceAsStream(DEMO_RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("the demo users file is missing from the service");
                    }
                    return parse(in);
                }
            }
            try (InputStream in = Files.newInputStream(Path.of(location))) {
                return parse(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the users file " + location, e);
        }
    }

    static Map<String, Entry> parse(InputStream in) throws IOException {
        // SnakeYAML (part of Spring Boot) reads the file; no YAML support is added to the web layer, which takes JSON
        // only.
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        FileContent content = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .convertValue(document, FileContent.class);
        if (content == null || content.users() == null || content.users().isEmpty()) {
            throw new IllegalStateException("the users file lists no users");
        }
        Map<String, Entry> users = new LinkedHashMap<>();
        for (FileUser fileUser : content.users()) {
            Entry entry = toEntry(fileUser);
            if (users.put(entry.user().username(), entry) != null) {
                throw new IllegalStateException("user " + entry.user().username() + " appears twice");
            }
        }
        return Map.copyOf(users);
    }

    private static Entry toEntry(FileUser fileUser) {
        if (fileUser.username() == null || fileUser.username().isBlank()) {
            throw new IllegalStateException("a user without a username");
        }
        if (fileUser.password() == null || !fileUser.password().startsWith("{")) {
            throw new IllegalStateException(
                    "user " + fileUser.username() + " needs a password such as {bcrypt}… or {noop}…");
        }
        if (fileUser.role() == null) {
            throw new IllegalStateException("user " + fileUser.username() + " has no role");
        }
        List<String> declared = new ArrayList<>();
        if (fileUser.region() != null) {
            declared.add(fileUser.region());
        }
        if (fileUser.regions() != null) {
            declared.addAll(fileUser.regions());
        }
        Set<RegionCode> regions = new LinkedHashSet<>();
        for (String code : declared) {
            regions.add(Regions.find(code)
                    .orElseThrow(
                            () -> new IllegalStateException("user " + fileUser.username() + ": unknown region " + code))
                    .code());
        }
        if (fileUser.role() == Role.COORDINATOR && regions.size() != 1) {
            throw new IllegalStateException("coördinator " + fileUser.username() + " needs exactly one region");
        }
        if (fileUser.role() == Role.PARTNER && regions.isEmpty()) {
            throw new IllegalStateException("partner " + fileUser.username() + " needs at least one region");
        }
        if (fileUser.role() == Role.PARTNER
                && (fileUser.organisation() == null || fileUser.organisation().isBlank())) {
            throw new IllegalStateException("partner " + fileUser.username() + " needs an organisation");
        }
        LedgerUser user;
        try {
            user = new LedgerUser(
                    fileUser.username(),
                    fileUser.role(),
                    regions,
                    fileUser.organisation(),
                    fileUser.organisationType());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("user " + fileUser.username() + ": " + e.getMessage(), e);
        }
        return new Entry(user, fileUser.password());
    }
}
