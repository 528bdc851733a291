"""A small, valid, complete catalog built in code, for tests that break it on purpose."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

CATEGORY_OF = {
    **{n: "data-centric" for n in range(1, 6)},
    **{n: "algorithm-design" for n in range(6, 12)},
    **{n: "model-optimization" for n in range(12, 18)},
    **{n: "model-training" for n in range(18, 21)},
    **{n: "deployment" for n in range(21, 28)},
    **{n: "management" for n in range(28, 31)},
}


def make_catalog_data() -> dict:
    sources = [
        {
            "key": "paper2024",
            "authors": ["Ada Lovelace", "Alan Turing"],
            "title": "A paper",
            "venue": "ICSE-SEIS",
            "year": 2024,
            "doi": "10.1145/3639475.3640111",
        },
        {
            "key": "study2022",
            "authors": ["Grace Hopper"],
            "title": "A study",
            "venue": "ICT4S",
            "year": 2022,
            "url": "https://example.org/study",
        },
    ]
    tactics = []
    for n in range(1, 31):
        slug = f"tactic-number-{n}"
        tactics.append(
            {
                "id": f"T{n}",
                "slug": slug,
                "name": f"Tactic number {n}",
                "category": CATEGORY_OF[n],
                "participant": "Data scientist",
                "artifact": "Data",
                "intent": "Save energy.",
                "description": "A description.",
                "target_qa": ["energy efficiency"],
                "lifecycle": ["training"],
                "evidence": [
                    {
                        "metric": "energy",
                        "phase": "training",
                        "basis": "measured",
                        "effect": {
                            "direction": "decrease",
                            "high": 50,
                            "unit": "percent",
                            "qualifier": "up-to",
                        },
                        "summary": "Half the energy.",
                        "setting": "a toy setting",
                        "source": "study2022",
                    }
                ],
                "sources": ["paper2024"],
                "related": [f"T{n % 30 + 1}"],
                "demo": f"notebooks/T{n:02d}-{slug}.ipynb",
                "tags": ["data"],
            }
        )
    return {
        "version": 1,
        "title": "Test catalog",
        "paper": "paper2024",
        "sources": sources,
        "tactics": tactics,
    }


def write_catalog(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(copy.deepcopy(data), sort_keys=False), encoding="utf-8")
    return path


def tactic(data: dict, tactic_id: str) -> dict:
    return next(t for t in data["tactics"] if t["id"] == tactic_id)
