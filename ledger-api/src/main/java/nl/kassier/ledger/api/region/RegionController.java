package nl.kassier.ledger.api.region;

import java.util.List;
import nl.kassier.ledger.core.region.Regions;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The 35 arbeidsmarktregio's. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class RegionController {

    public record RegionResponse(String code, String name) {}

    @GetMapping("/regions")
    public List<RegionResponse> list() {
        return Regions.all().stream()
                .map(r -> new RegionResponse(r.code().value(), r.name()))
                .toList();
    }
}
