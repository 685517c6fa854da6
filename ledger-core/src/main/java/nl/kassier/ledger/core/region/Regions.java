package nl.kassier.ledger.core.region;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.kassier.ledger.core.shared.RegionCode;

/** The 35 arbeidsmarktregio's of the UWV indeling, in UWV's order. */
public final class Regions {

    private static final Map<RegionCode, Region> BY_CODE = new LinkedHashMap<>();

    static {
        add("groningen", "Groningen");
        add("friesland", "Friesland");
        add("noord-holland-noord", "Noord-Holland Noord");
        add("drenthe", "Drenthe");
        add("regio-zwolle", "Regio Zwolle");
        add("flevoland", "Flevoland");
        add("zaanstreek-waterland", "Zaanstreek/Waterland");
        add("zuid-kennemerland-en-ijmond", "Zuid-Kennemerland en IJmond");
        add("twente", "Twente");
        add("groot-amsterdam", "Groot Amsterdam");
        add("stedendriehoek-en-noordwest-veluwe", "Stedendriehoek en Noordwest Veluwe");
        add("gooi-en-vechtstreek", "Gooi en Vechtstreek");
        add("holland-rijnland", "Holland Rijnland");
        add("midden-utrecht", "Midden-Utrecht");
        add("amersfoort", "Amersfoort");
        add("food-valley", "Food Valley");
        add("achterhoek", "Achterhoek");
        add("zuid-holland-centraal", "Zuid-Holland Centraal");
        add("midden-holland", "Midden-Holland");
        add("haaglanden", "Haaglanden");
        add("midden-gelderland", "Midden-Gelderland");
        add("rijnmond", "Rijnmond");
        add("rivierenland", "Rivierenland");
        add("gorinchem", "Gorinchem");
        add("rijk-van-nijmegen", "Rijk van Nijmegen");
        add("drechtsteden", "Drechtsteden");
        add("noordoost-brabant", "Noordoost-Brabant");
        add("west-brabant", "West-Brabant");
        add("zeeland", "Zeeland");
        add("midden-brabant", "Midden-Brabant");
        add("noord-limburg", "Noord-Limburg");
        add("helmond-de-peel", "Helmond-De Peel");
        add("zuidoost-brabant", "Zuidoost-Brabant");
        add("midden-limburg", "Midden-Limburg");
        add("zuid-limburg", "Zuid-Limburg");
    }

    private Regions() {}

    private static void add(String code, String name) {
        RegionCode regionCode = new RegionCode(code);
        BY_CODE.put(regionCode, new Region(regionCode, name));
    }

    public static List<Region> all() {
        return List.copyOf(BY_CODE.values());
    }

    public static Optional<Region> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Region region : BY_CODE.values()) {
            if (region.code().value().equals(code)) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }

    public static boolean exists(RegionCode code) {
        return BY_CODE.containsKey(code);
    }
}
