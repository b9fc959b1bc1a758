"""The seeded country-permission catalogue: (isoCode, name, continent, dialing codes).

Only US and CA start enabled (est-api §8.5); everything else starts disabled.
"""

from __future__ import annotations

from typing import Final

ENABLED_BY_DEFAULT: Final = frozenset({"US", "CA"})

COUNTRIES: Final[tuple[tuple[str, str, str, tuple[str, ...]], ...]] = (
    ("AR", "Argentina", "South America", ("+54",)),
    ("AT", "Austria", "Europe", ("+43",)),
    ("AU", "Australia", "Oceania", ("+61",)),
    ("BE", "Belgium", "Europe", ("+32",)),
    ("BR", "Brazil", "South America", ("+55",)),
    ("CA", "Canada", "North America", ("+1",)),
    ("CH", "Switzerland", "Europe", ("+41",)),
    ("CL", "Chile", "South America", ("+56",)),
    ("CN", "China", "Asia", ("+86",)),
    ("CO", "Colombia", "South America", ("+57",)),
    ("CZ", "Czech Republic", "Europe", ("+420",)),
    ("DE", "Germany", "Europe", ("+49",)),
    ("DK", "Denmark", "Europe", ("+45",)),
    ("EE", "Estonia", "Europe", ("+372",)),
    ("ES", "Spain", "Europe", ("+34",)),
    ("FI", "Finland", "Europe", ("+358",)),
    ("FR", "France", "Europe", ("+33",)),
    ("GB", "United Kingdom", "Europe", ("+44",)),
    ("GR", "Greece", "Europe", ("+30",)),
    ("HK", "Hong Kong", "Asia", ("+852",)),
    ("HU", "Hungary", "Europe", ("+36",)),
    ("IE", "Ireland", "Europe", ("+353",)),
    ("IL", "Israel", "Asia", ("+972",)),
    ("IN", "India", "Asia", ("+91",)),
    ("IS", "Iceland", "Europe", ("+354",)),
    ("IT", "Italy", "Europe", ("+39",)),
    ("JP", "Japan", "Asia", ("+81",)),
    ("KR", "South Korea", "Asia", ("+82",)),
    ("LT", "Lithuania", "Europe", ("+370",)),
    ("LU", "Luxembourg", "Europe", ("+352",)),
    ("LV", "Latvia", "Europe", ("+371",)),
    ("MX", "Mexico", "North America", ("+52",)),
    ("MY", "Malaysia", "Asia", ("+60",)),
    ("NL", "Netherlands", "Europe", ("+31",)),
    ("NO", "Norway", "Europe", ("+47",)),
    ("NZ", "New Zealand", "Oceania", ("+64",)),
    ("PE", "Peru", "South America", ("+51",)),
    ("PH", "Philippines", "Asia", ("+63",)),
    ("PL", "Poland", "Europe", ("+48",)),
    ("PR", "Puerto Rico", "North America", ("+1787", "+1939")),
    ("PT", "Portugal", "Europe", ("+351",)),
    ("RO", "Romania", "Europe", ("+40",)),
    ("SE", "Sweden", "Europe", ("+46",)),
    ("SG", "Singapore", "Asia", ("+65",)),
    ("SK", "Slovakia", "Europe", ("+421",)),
    ("TH", "Thailand", "Asia", ("+66",)),
    ("TR", "Turkey", "Asia", ("+90",)),
    ("TW", "Taiwan", "Asia", ("+886",)),
    ("US", "United States", "North America", ("+1",)),
    ("ZA", "South Africa", "Africa", ("+27",)),
)
