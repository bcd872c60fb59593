#!/usr/bin/env python3
"""Build gazetteers/given-names.txt: given names, so that a place, state or group alias right
after one (`Michael Jordan`, `Ulrich Wagner`) is read as a surname.

    python3 -m pip install names==0.3.0
    python3 scripts/given_names.py

Source: the first-name frequency lists of the 1990 US Census (`dist.male.first`,
`dist.female.first`; a US government work, public domain) as shipped in the `names` package
(MIT). Written one name a line, lowercase, sorted. Names of 2 letters or less are left out.
"""

import os

import names

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
    path = os.path.join(ROOT, "gazetteers", "given-names.txt")
    with open(path + ".tmp", "w", encoding="ascii") as f:
        f.write("".join(f"{n}\n" for n in sorted(found)))
    os.replace(path + ".tmp", path)
    print(f"{len(found)} given names written to {path}")


if __name__ == "__main__":
    main()
