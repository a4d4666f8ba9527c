"""Write a synthetic archive of N surgeries to the records contract, with realistic sizes.

    python benchmarks/synthetic.py --surgeries 1600 --out /tmp/archive

60 indicators with 15 years of quarterly figures; each surgery reviews 2-4 of them, has
one action plan per indicator with 4-8 actions, and minutes of 4-6 items of about 150
words. Everything is marked illustrative. The same N and seed give the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

WORDS = (
    "children families referral assessment plan review social care early help partners "
    "schools police health placement fostering adoption team manager caseload quality "
    "audit threshold conference step-down outcome service budget capacity recruitment "
    "training practice supervision performance target trend neighbours england region "
    "members cabinet scrutiny commission officer action progress report data quarter"
).split()


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 18)
        out.append(sentence(rng, n))
        count += n
    return " ".join(out)


def indicator_file(i: int, rng: random.Random) -> str:
    polarity = rng.choice(["lower-is-better", "higher-is-better", "none"])
    lines = [
        "# yaml-language-server: $schema=../../schema/indicator.schema.json",
        f"code: {q(f'SYN PM {i:03d}')}",
        f"aliases: [{q(f'SYN-ALT {i:03d}')}]",
        f"title: {q(f'Synthetic indicator {i}: ' + sentence(rng, 6))}",
        "unit: per 10,000 children",
        f"polarity: {polarity}",
        "tolerance: 2",
        "illustrative: true",
        f"definition: {q(paragraph(rng, 40))}",
        "source: {name: Synthetic data, licence: Open Government Licence v3.0}",
        "values:",
    ]
    value = rng.uniform(30, 90)
    for year in range(2011, 2026):
        for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
            value = max(1, value + rng.uniform(-4, 4))
            lines += [
                f"  - date: {year}-{month:02d}-{day:02d}",
                f"    label: {q(f'Q{(month // 3 + 2) % 4 + 1} {year}')}",
                f"    value: {value:.1f}",
                f"    target: {value + rng.uniform(-5, 5):.1f}",
                f"    comparators: {{statistical_neighbours: {value + rng.uniform(-8, 8):.1f}, "
                f"england: {value + rng.uniform(-10, 10):.1f}, "
                f"region: {value + rng.uniform(-10, 10):.1f}}}",
            ]
    return "\n".join(lines) + "\n"


def write_archive(out: Path, surgeries: int, seed: int = 2012) -> Path:
    rng = random.Random(seed)
    records = out / "surgeries"
    (records / "indicators").mkdir(parents=True, exist_ok=True)
    for i in range(60):
        (records / "indicators" / f"synthetic-{i:03d}.yml").write_text(
            indicator_file(i, rng), encoding="utf-8")
    start = dt.date(2011, 1, 1)
    for n in range(surgeries):
        day = start + dt.timedelta(days=(n * 5475) // max(surgeries, 1))
        folder = records / f"{day.isoformat()}-synthetic-surgery-{n:05d}"
        (folder / "action-plans").mkdir(parents=True, exist_ok=True)
        codes = rng.sample(range(60), rng.randint(2, 4))
        lines = [
            "# yaml-language-server: $schema=../../schema/surgery.schema.json",
            f"title: {q(f'Synthetic surgery {n}: ' + sentence(rng, 5))}",
            f"date: {day.isoformat()}",
            "status: published",
            "illustrative: true",
            "chair: {role: Cabinet Member for Children and Young People}",
            "attendees:",
            *[f"  - {{name: {q(f'Officer {rng.randint(1, 500)}')}, role: {q(sentence(rng, 4))}}}"
              for _ in range(rng.randint(3, 6))],
            "indicators: [" + ", ".join(q(f"SYN PM {c:03d}") for c in codes) + "]",
            f"summary: {q(paragraph(rng, 60))}",
            "report:",
            "  committee: Children and Young People Commission",
            f"  meeting_date: {(day + dt.timedelta(days=24)).isoformat()}",
            f"  item: {rng.randint(3, 12)}",
            f"  summary: [{q(paragraph(rng, 50))}]",
            f"  recommendations: [{q(sentence(rng, 15))}]",
        ]
        (folder / "surgery.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        ids = []
        for c in codes:
            plan = [
                "# yaml-language-server: $schema=../../../schema/action-plan.schema.json",
                f"indicator: {q(f'SYN PM {c:03d}')}",
                f"title: {q(f'Action plan for SYN PM {c:03d}')}",
                "illustrative: true",
                "lead: {role: Director of Children's Services}",
                f"context: {q(paragraph(rng, 60))}",
                "actions:",
            ]
            for a in range(rng.randint(4, 8)):
                action_id = f"{c:03d}-{a + 1}"
                ids.append(action_id)
                due = day + dt.timedelta(days=rng.randint(30, 400))
                plan += [
                    f"  - id: {q(action_id)}",
                    f"    action: {q(sentence(rng, 16))}",
                    f"    owner: {q(sentence(rng, 3))}",
                    f"    due: {due.isoformat()}",
                    f"    status: {rng.choice(['not-started', 'in-progress', 'complete'])}",
                    "    updates:",
                    f"      - {{date: {(day + dt.timedelta(days=20)).isoformat()}, "
                    f"note: {q(sentence(rng, 12))}}}",
                ]
            (folder / "action-plans" / f"syn-pm-{c:03d}.yml").write_text(
                "\n".join(plan) + "\n", encoding="utf-8")
        minutes = [
            "# yaml-language-server: $schema=../../schema/minutes.schema.json",
            "illustrative: true",
            "present:",
            "  - {role: Cabinet Member for Children and Young People}",
            "  - {role: Strategic Director}",
            "items:",
        ]
        for k in range(rng.randint(4, 6)):
            minutes += [
                f"  - title: {q(f'Item {k + 1}: ' + sentence(rng, 4))}",
                f"    notes: {q(paragraph(rng, 150))}",
                f"    decisions: [{q(sentence(rng, 10))}]",
                f"    actions: [{', '.join(q(i) for i in rng.sample(ids, 2))}]",
            ]
        (folder / "minutes.yml").write_text("\n".join(minutes) + "\n", encoding="utf-8")
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surgeries", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args(argv)
    records = write_archive(args.out, args.surgeries, args.seed)
    print(f"Wrote {args.surgeries} surgeries and 60 indicators to {records}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
