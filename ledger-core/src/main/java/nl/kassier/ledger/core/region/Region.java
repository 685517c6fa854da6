package nl.kassier.ledger.core.region;

import nl.kassier.ledger.core.shared.RegionCode;

/** An arbeidsmarktregio: one RMT, one budget per year and cap line. */
public record Region(RegionCode code, String name) {}
